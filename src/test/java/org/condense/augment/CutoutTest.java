package org.condense.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CutoutTest {

    @Test
    void squareIsClippedAtBorders() {
        assertEquals(new CropBox(3, 3, 5, 5), Cutout.square(10, 10, 5, 5, 5)); // fully inside
        assertEquals(new CropBox(0, 0, 2, 2), Cutout.square(10, 10, 4, 0, 0)); // rows −2..2 → 0..2
        assertEquals(new CropBox(7, 7, 3, 3), Cutout.square(10, 10, 4, 9, 9)); // rows 7..11 → 7..10
        assertEquals(new CropBox(0, 6, 3, 4), Cutout.square(10, 10, 5, 0, 8)); // odd side keeps 5 before clipping
        assertEquals(new CropBox(0, 0, 4, 6), Cutout.square(4, 6, 20, 2, 3));  // larger than the image
    }

    @Test
    void zeroedCountEqualsClippedSquareArea() {
        int c = 3, h = 10, w = 12;
        float[] ones = new float[c * h * w];
        Arrays.fill(ones, 1f);
        for (Cutout cutout : new Cutout[] {Cutout.ofPixels(6, 1), Cutout.ofFraction(0.5, 1), Cutout.ofPixels(3, 1)}) {
            for (int seed = 0; seed < 300; seed++) {
                CropBox box = cutout.sample(h, w, new SplittableRandom(seed)).orElseThrow();
                float[] out = cutout.apply(ones, c, h, w, new SplittableRandom(seed));
                int zeros = 0;
                for (int ch = 0; ch < c; ch++) {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            boolean inBox = y >= box.top() && y < box.bottom() && x >= box.left() && x < box.right();
                            float v = out[(ch * h + y) * w + x];
                            assertEquals(inBox ? 0f : 1f, v);
                            zeros += v == 0f ? 1 : 0;
                        }
                    }
                }
                assertEquals(c * box.area(), zeros);
                int side = cutout.side(h, w);
                assertTrue(box.height() <= side && box.width() <= side && box.area() > 0);
            }
        }
    }

    @Test
    void fractionIsOfTheShorterSide() {
        assertEquals(5, Cutout.ofFraction(0.5, 1).side(10, 12));
        assertEquals(112, Cutout.ofFraction(0.5, 1).side(224, 224));
    }

    @Test
    void probabilityZeroLeavesImageAlone() {
        float[] src = new float[2 * 5 * 5];
        Arrays.fill(src, 2f);
        for (int seed = 0; seed < 50; seed++) {
            assertEquals(Optional.empty(), Cutout.ofPixels(3, 0).sample(5, 5, new SplittableRandom(seed)));
            assertArrayEquals(src, Cutout.ofPixels(3, 0).apply(src, 2, 5, 5, new SplittableRandom(seed)));
        }
    }
}
