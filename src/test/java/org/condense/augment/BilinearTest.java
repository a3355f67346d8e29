package org.condense.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BilinearTest {

    private static float[] resize(float[] src, int c, int h, int w, int outH, int outW) {
        float[] dst = new float[c * outH * outW];
        Bilinear.resize(src, 0, c, h, w, dst, 0, outH, outW);
        return dst;
    }

    @Test
    void sameSizeIsIdentity() {
        SplittableRandom rng = new SplittableRandom(1);
        float[] src = new float[3 * 5 * 7];
        for (int i = 0; i < src.length; i++) {
            src[i] = (float) rng.nextGaussian();
        }
        assertArrayEquals(src, resize(src, 3, 5, 7, 5, 7));
    }

    /**
     * 2×2 → 4×4, scale 0.5: source positions (dst + 0.5)·0.5 − 0.5 = −0.25→0, 0.25, 0.75,
     * 1.25→index 1 (last pixel, both taps on it). So each axis maps [a, b] to
     * [a, .75a + .25b, .25a + .75b, b].
     */
    @Test
    void upsamples2x2To4x4LikePyTorch() {
        float[] src = {
            1, 2,
            3, 4,
            // second channel
            0, -4,
            8, 2,
        };
        float[] expected = {
            1.0f, 1.25f, 1.75f, 2.0f,
            1.5f, 1.75f, 2.25f, 2.5f,
            2.5f, 2.75f, 3.25f, 3.5f,
            3.0f, 3.25f, 3.75f, 4.0f,

            0.0f, -1.0f, -3.0f, -4.0f,
            2.0f, 0.875f, -1.375f, -2.5f,
            6.0f, 4.625f, 1.875f, 0.5f,
            8.0f, 6.5f, 3.5f, 2.0f,
        };
        assertArrayEquals(expected, resize(src, 2, 2, 2, 4, 4));
    }

    /** Scale 2: positions 0.5 and 2.5, each the mean of two pixels (no antialiasing). */
    @Test
    void downsamplesWithoutAntialias() {
        float[] src = {1, 2, 4, 8};
        assertArrayEquals(new float[] {1.5f, 6f}, resize(src, 1, 1, 4, 1, 2));
    }

    /** Scale 1.5: positions 0.25 and 1.75 → [0·.75 + 4·.25, 4·.25 + 8·.75]. */
    @Test
    void nonIntegerScale() {
        assertArrayEquals(new float[] {1f, 7f}, resize(new float[] {0, 4, 8}, 1, 1, 3, 1, 2));
    }

    /**
     * 4×4 arange → 3×3, scale 4/3: positions 1/6, 1.5, 17/6 on each axis, so the output is
     * 4·ry + rx for those positions.
     */
    @Test
    void arange4x4To3x3() {
        float[] src = new float[16];
        for (int i = 0; i < 16; i++) {
            src[i] = i;
        }
        double[] p = {1.0 / 6, 1.5, 17.0 / 6};
        float[] expected = new float[9];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                expected[y * 3 + x] = (float) (4 * p[y] + p[x]);
            }
        }
        assertArrayEquals(expected, resize(src, 1, 4, 4, 3, 3), 1e-5f);
    }

    /** 3 → 5, scale 0.6: positions −0.2→0, 0.4, 1.0, 1.6, 2.2→last pixel. */
    @Test
    void upsampleClampsAtBothEdges() {
        assertArrayEquals(new float[] {0, 4, 10, 16, 20}, resize(new float[] {0, 10, 20}, 1, 1, 3, 1, 5), 1e-5f);
    }

    @Test
    void cropResizeEqualsResizeOfExtractedRegion() {
        SplittableRandom rng = new SplittableRandom(7);
        int c = 3, h = 7, w = 9;
        float[] src = new float[c * h * w];
        for (int i = 0; i < src.length; i++) {
            src[i] = (float) rng.nextDouble(-2, 2);
        }
        CropBox box = new CropBox(1, 2, 4, 5);
        float[] region = new float[c * box.area()];
        int k = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int y = box.top(); y < box.bottom(); y++) {
                for (int x = box.left(); x < box.right(); x++) {
                    region[k++] = src[(ch * h + y) * w + x];
                }
            }
        }
        for (int[] out : new int[][] {{6, 3}, {4, 5}, {11, 13}, {1, 1}}) {
            float[] viaCrop = new float[c * out[0] * out[1] + 2];
            Bilinear.cropResize(src, 0, c, h, w, box, viaCrop, 2, out[0], out[1]);
            float[] direct = resize(region, c, box.height(), box.width(), out[0], out[1]);
            float[] shifted = java.util.Arrays.copyOfRange(viaCrop, 2, viaCrop.length);
            assertArrayEquals(direct, shifted, "output " + out[0] + "×" + out[1]);
        }
    }

    @Test
    void rejectsBoxOutsideImage() {
        float[] src = new float[16];
        float[] dst = new float[4];
        assertThrows(IllegalArgumentException.class,
                () -> Bilinear.cropResize(src, 0, 1, 4, 4, new CropBox(3, 0, 2, 2), dst, 0, 2, 2));
    }
}
