package org.condense.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankedSelectionTest {
    // class 0 at even indices scores 5, 3, 4, 0; class 1 at odd indices 1, 2, 0.5, 1.5
    private static final int[] LABELS = {0, 1, 0, 1, 0, 1, 0, 1};
    private static final double[] SCORES = {5, 1, 3, 2, 4, 0.5, 0, 1.5};

    private static int[] select(boolean higherIsEasier, boolean hard, boolean balanced, long seed) {
        return RankedSelection.select(SCORES, LABELS, 2, higherIsEasier, hard, balanced, 2, seed);
    }

    @Test
    void easyBalancedTakesTheLowestOfEachClass() {
        assertArrayEquals(new int[] {1, 2, 5, 6}, select(false, false, true, 0)); // 0, 3 | 0.5, 1
    }

    @Test
    void hardBalancedTakesTheHighestOfEachClass() {
        assertArrayEquals(new int[] {0, 3, 4, 7}, select(false, true, true, 0)); // 5, 4 | 2, 1.5
    }

    @Test
    void globalIgnoresClassesAndMayUnbalanceThem() {
        assertArrayEquals(new int[] {1, 5, 6, 7}, select(false, false, false, 0)); // 0, 0.5, 1, 1.5: three of class 1
        assertArrayEquals(new int[] {0, 2, 3, 4}, select(false, true, false, 0));  // 5, 4, 3, 2: three of class 0
    }

    @Test
    void aumIsEasyWhenHigh() {
        assertArrayEquals(select(false, true, true, 0), select(true, false, true, 0));
        assertArrayEquals(select(false, false, false, 0), select(true, true, false, 0));
    }

    @Test
    void tiesAreBrokenBySeedDeterministically() {
        // one class: two clearly easiest samples, then 18 tied ones
        double[] scores = new double[20];
        Arrays.fill(scores, 1.0);
        scores[7] = 0;
        scores[13] = -0.0; // ties numerically with 0.0 ... and with nothing else
        int[] labels = new int[20];
        Set<String> subsets = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            int[] a = RankedSelection.select(scores, labels, 1, false, false, true, 5, seed);
            assertArrayEquals(a, RankedSelection.select(scores, labels, 1, false, false, true, 5, seed), "seed " + seed);
            assertTrue(Arrays.stream(a).anyMatch(i -> i == 7) && Arrays.stream(a).anyMatch(i -> i == 13));
            subsets.add(Arrays.toString(a));
        }
        assertTrue(subsets.size() >= 8, "the three tied picks should vary with the seed: " + subsets);
        assertNotEquals(Arrays.toString(RankedSelection.select(scores, labels, 1, false, false, true, 5, 1)),
                Arrays.toString(RankedSelection.select(scores, labels, 1, false, false, true, 5, 2)));
    }

    @Test
    void orderPutsZeroAndNegativeZeroInSeedOrder() {
        double[] scores = {0.0, -0.0, 0.0, -0.0};
        Set<String> orders = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            orders.add(Arrays.toString(RankedSelection.order(scores, false, seed)));
        }
        // -0.0 and 0.0 are equal scores: all 4! = 24 orders are possible, not only those with -0.0 first
        assertTrue(orders.size() > 4, orders.toString());
        assertEquals(4, RankedSelection.order(scores, true, 3).length);
    }
}
