package org.condense.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HorizontalFlipTest {
    private static final float[] RAMP = {0, 1, 2, 3, 4, 5}; // 1×2×3
    private static final float[] FLIPPED = {2, 1, 0, 5, 4, 3};

    @Test
    void flipsRampExactly() {
        float[] dst = new float[6];
        HorizontalFlip.flip(RAMP, 0, 1, 2, 3, dst, 0);
        assertArrayEquals(FLIPPED, dst);
    }

    @Test
    void flipsInPlaceForOddAndEvenWidths() {
        float[] odd = RAMP.clone();
        HorizontalFlip.flip(odd, 0, 1, 2, 3, odd, 0);
        assertArrayEquals(FLIPPED, odd);
        float[] even = {0, 1, 2, 3, 4, 5, 6, 7}; // 2×1×4
        HorizontalFlip.flip(even, 0, 2, 1, 4, even, 0);
        assertArrayEquals(new float[] {3, 2, 1, 0, 7, 6, 5, 4}, even);
    }

    @Test
    void probabilityZeroNeverFlipsOneAlwaysFlips() {
        for (int seed = 0; seed < 200; seed++) {
            assertArrayEquals(RAMP, new HorizontalFlip(0).apply(RAMP, 1, 2, 3, new SplittableRandom(seed)));
            assertArrayEquals(FLIPPED, new HorizontalFlip(1).apply(RAMP, 1, 2, 3, new SplittableRandom(seed)));
        }
    }

    @Test
    void halfProbabilityFlipsAboutHalf() {
        int flips = 0;
        for (int seed = 0; seed < 1000; seed++) {
            float[] out = new HorizontalFlip().apply(RAMP, 1, 2, 3, new SplittableRandom(seed));
            flips += out[0] == 2 ? 1 : 0;
        }
        org.junit.jupiter.api.Assertions.assertTrue(flips > 400 && flips < 600, "flips: " + flips);
    }
}
