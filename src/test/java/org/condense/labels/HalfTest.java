package org.condense.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HalfTest {

    @Test
    void everyHalfSurvivesARoundTripThroughFloat() {
        for (int bits = 0; bits < 0x10000; bits++) {
            short h = (short) bits;
            float f = Half.toFloat(h);
            if (Float.isNaN(f)) {
                assertEquals(0x7C00, bits & 0x7C00, "only an all-ones exponent is NaN");
                continue;
            }
            assertEquals(bits, Half.fromFloat(f) & 0xFFFF, "half 0x" + Integer.toHexString(bits));
        }
    }

    @Test
    void roundsToNearestWithTiesToEvenLikeNumpy() {
        // halves near 1 are 2^-10 apart
        assertEquals(1.0f, Half.toFloat(Half.fromFloat(1 + 0x1p-11f)), "a tie goes to the even 1.0");
        assertEquals(1 + 0x1p-9f, Half.toFloat(Half.fromFloat(1 + 3 * 0x1p-11f)), "a tie goes to the even neighbour");
        assertEquals(1 + 0x1p-10f, Half.toFloat(Half.fromFloat(1 + 0x1p-11f + 0x1p-20f)), "above the tie rounds up");
        assertEquals(65504f, Half.toFloat(Half.fromFloat(65519f)), "just below the overflow threshold");
        assertEquals(Float.POSITIVE_INFINITY, Half.toFloat(Half.fromFloat(65520f)), "the threshold overflows");
        assertEquals(0x1p-24f, Half.toFloat(Half.fromFloat(0x1p-24f)), "smallest subnormal");
        assertEquals(0f, Half.toFloat(Half.fromFloat(0x1p-26f)), "far below the smallest subnormal");
        assertEquals(-2.5f, Half.toFloat(Half.fromFloat(-2.5f)));
    }
}
