package org.condense.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.condense.augment.Bilinear;
import org.condense.augment.CropBox;
import org.junit.jupiter.api.Test;

class DifferentiableCropTest {

    /**
     * The shift is torch.roll after the flip: on a 1×1×3×4 image 0..11 (rows 0-3, 4-7, 8-11), a whole
     * box, a flip and shifts (1, 2) give: flip → rows 3 2 1 0 | 7 6 5 4 | 11 10 9 8; roll rows by 1 →
     * 11 10 9 8 | 3 2 1 0 | 7 6 5 4; roll columns by 2 → 9 8 11 10 | 1 0 3 2 | 5 4 7 6.
     */
    @Test
    void shiftRollsTheOutputAfterTheFlip() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(12f).reshape(1, 1, 3, 4);
            float[] got = DifferentiableCrop.apply(x, CropBox.whole(3, 4), true, 1, 2, 3, 4, m).toFloatArray();
            assertArrayEquals(new float[] {9, 8, 11, 10, 1, 0, 3, 2, 5, 4, 7, 6}, got);
            float[] plain = DifferentiableCrop.apply(x, CropBox.whole(3, 4), false, 0, 0, 3, 4, m).toFloatArray();
            assertArrayEquals(x.toFloatArray(), plain);
        }
    }

    /** Same numbers as the byte pipeline's bilinear crop-resize (then mirrored when flipped). */
    @Test
    void matchesBilinearCropResizeAndFlip() {
        int n = 2, c = 3, h = 12, w = 10;
        SplittableRandom rng = new SplittableRandom(3);
        float[] data = new float[n * c * h * w];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rng.nextDouble(-2, 2);
        }
        CropBox[] boxes = {new CropBox(2, 1, 7, 5), new CropBox(0, 0, 12, 10), new CropBox(3, 4, 3, 6)};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(data, new Shape(n, c, h, w));
            for (CropBox box : boxes) {
                for (boolean flip : new boolean[] {false, true}) {
                    int oh = 9, ow = 8;
                    float[] got = DifferentiableCrop.apply(x, box, flip, oh, ow, m).toFloatArray();
                    float[] expected = new float[n * c * oh * ow];
                    for (int j = 0; j < n; j++) {
                        Bilinear.cropResize(data, j * c * h * w, c, h, w, box, expected, j * c * oh * ow, oh, ow);
                    }
                    if (flip) {
                        float[] mirrored = expected.clone();
                        for (int row = 0; row < n * c * oh; row++) {
                            for (int col = 0; col < ow; col++) {
                                mirrored[row * ow + col] = expected[row * ow + ow - 1 - col];
                            }
                        }
                        expected = mirrored;
                    }
                    assertArrayEquals(expected, got, 1e-5f, box + " flip " + flip);
                }
            }
        }
    }

    /** Gradients reach exactly the pixels inside the box. */
    @Test
    void gradientsFlowToTheCroppedPixels() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(1, 1, 6, 6));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(DifferentiableCrop.apply(x, new CropBox(1, 2, 3, 3), true, 6, 6, m).sum());
            }
            float[] g = x.getGradient().toFloatArray();
            float total = 0;
            for (int r = 0; r < 6; r++) {
                for (int col = 0; col < 6; col++) {
                    boolean inside = r >= 1 && r < 4 && col >= 2 && col < 5;
                    assertEquals(inside, g[r * 6 + col] > 0, "pixel " + r + "," + col);
                    total += g[r * 6 + col];
                }
            }
            assertEquals(36f, total, 1e-4f); // each output pixel's weights sum to one
        }
    }
}
