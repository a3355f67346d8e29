package org.condense.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomResizedCropTest {

    /** Every box lies inside the image, with area and ratio in range up to rounding w, h to integers. */
    private static void checkBoxes(RandomResizedCrop rrc, int h, int w) {
        double area = (double) h * w;
        for (int seed = 0; seed < 2000; seed++) {
            CropBox b = rrc.sample(h, w, new SplittableRandom(seed));
            assertTrue(b.height() > 0 && b.width() > 0 && b.fitsIn(h, w), b + " in " + h + "×" + w);
            // |w·h − target| ≤ ½(w' + h') + ¼ where w', h' are the unrounded sides (≤ w + ½, h + ½).
            double tol = 0.5 * (b.width() + b.height() + 1) + 0.25;
            assertTrue(b.area() >= rrc.scaleMin() * area - tol, "area of " + b);
            assertTrue(b.area() <= rrc.scaleMax() * area + tol, "area of " + b);
            assertTrue((b.width() + 0.5) / Math.max(b.height() - 0.5, 0.5) >= rrc.ratioMin(), "ratio of " + b);
            assertTrue((b.width() - 0.5) / (b.height() + 0.5) <= rrc.ratioMax(), "ratio of " + b);
        }
    }

    @Test
    void boxesInsideImageWithAreaAndRatioInRange() {
        checkBoxes(RandomResizedCrop.standard(32), 32, 32);
        checkBoxes(new RandomResizedCrop(0.25, 0.5, 0.75, 4.0 / 3, 16), 24, 48);
        checkBoxes(new RandomResizedCrop(0.5, 1.0, 0.5, 2.0, 16), 224, 224);
    }

    @Test
    void impossibleScaleFallsBackToCentreCrop() {
        RandomResizedCrop rrc = new RandomResizedCrop(2.0, 3.0, 3.0 / 4, 4.0 / 3, 8);
        // wide: ratio 4 > 4/3 → h = 10, w = round(10·4/3) = 13, centred
        assertEquals(new CropBox(0, 13, 10, 13), rrc.sample(10, 40, new SplittableRandom(1)));
        // tall: ratio 1/4 < 3/4 → w = 10, h = round(10/0.75) = 13, centred
        assertEquals(new CropBox(13, 0, 13, 10), rrc.sample(40, 10, new SplittableRandom(2)));
        // ratio in range → whole image
        assertEquals(new CropBox(0, 0, 20, 20), rrc.sample(20, 20, new SplittableRandom(3)));
        assertEquals(new CropBox(0, 0, 20, 24), rrc.sample(20, 24, new SplittableRandom(4)));
    }

    @Test
    void sameSeedSameBoxAndSeedsVary() {
        RandomResizedCrop rrc = RandomResizedCrop.standard(32);
        Set<CropBox> seen = new HashSet<>();
        for (int seed = 0; seed < 50; seed++) {
            CropBox a = rrc.sample(64, 48, new SplittableRandom(seed));
            assertEquals(a, rrc.sample(64, 48, new SplittableRandom(seed)));
            seen.add(a);
        }
        assertTrue(seen.size() > 40, "boxes should vary with the seed: " + seen.size());
    }

    @Test
    void sampleInsideRegionIsTheWholeImageSampleShifted() {
        RandomResizedCrop rrc = RandomResizedCrop.standard(16);
        for (int seed = 0; seed < 200; seed++) {
            CropBox inRegion = rrc.sample(16, 32, 16, 16, new SplittableRandom(seed));
            assertEquals(rrc.sample(16, 16, new SplittableRandom(seed)).offset(16, 32), inRegion);
            assertTrue(inRegion.top() >= 16 && inRegion.bottom() <= 32
                    && inRegion.left() >= 32 && inRegion.right() <= 48, inRegion.toString());
        }
    }

    @Test
    void fullScaleSquareCropOfSameSizeIsIdentity() {
        RandomResizedCrop rrc = new RandomResizedCrop(1.0, 1.0, 1.0, 1.0, 6);
        float[] src = new float[2 * 6 * 6];
        for (int i = 0; i < src.length; i++) {
            src[i] = i * 0.5f - 3;
        }
        assertArrayEquals(src, rrc.apply(src, 2, 6, 6, new SplittableRandom(9)));
    }

    /** PCA's patch extraction: cropping inside one tile of a 2×2 composite sees only that tile. */
    @Test
    void applyWithinStaysInTile() {
        int c = 3, side = 20, tile = 10;
        float[] composite = new float[c * side * side];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    composite[(ch * side + y) * side + x] = (y / tile) * 2 + (x / tile) + 1; // tile id 1..4
                }
            }
        }
        RandomResizedCrop rrc = RandomResizedCrop.standard(12);
        CropBox bottomLeft = new CropBox(tile, 0, tile, tile); // tile id 3
        for (int seed = 0; seed < 100; seed++) {
            float[] out = new float[c * 12 * 12];
            rrc.applyWithin(composite, 0, c, side, side, bottomLeft, out, 0, new SplittableRandom(seed));
            for (float v : out) {
                assertEquals(3f, v);
            }
        }
    }
}
