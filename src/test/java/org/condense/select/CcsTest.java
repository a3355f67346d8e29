package org.condense.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.condense.UserException;
import org.junit.jupiter.api.Test;

class CcsTest {

    @Test
    void smallestBinsAreServedFirstAndPassOnWhatTheyCannotUse() {
        // sizes sorted: 0 (bin 1), 1 (bin 0), 2 (bin 3), 5 (bin 2), 8 (bin 4); budget 10
        // bin 1: 10/5 = 2, has 0 -> 0, 10 left;  bin 0: 10/4 = 2, has 1 -> 1, 9 left
        // bin 3: 9/3 = 3, has 2 -> 2, 7 left;    bin 2: 7/2 = 3 -> 3, 4 left;   bin 4: 4/1 -> 4
        assertArrayEquals(new int[] {1, 0, 3, 2, 4}, Ccs.allocate(10, new int[] {1, 0, 5, 2, 8}));
        // equal sizes: the remainder goes to the bins served last
        assertArrayEquals(new int[] {3, 3, 4}, Ccs.allocate(10, new int[] {5, 5, 5}));
        // not enough candidates: every bin is taken whole
        assertArrayEquals(new int[] {2, 3}, Ccs.allocate(10, new int[] {2, 3}));
    }

    @Test
    void allocationAlwaysFillsTheBudgetWhenThereAreEnoughCandidates() {
        Random rng = new Random(1);
        for (int trial = 0; trial < 500; trial++) {
            int[] sizes = new int[1 + rng.nextInt(50)];
            Arrays.setAll(sizes, i -> rng.nextInt(rng.nextBoolean() ? 3 : 40));
            int total = Arrays.stream(sizes).sum();
            int budget = rng.nextInt(total + 5);
            int[] got = Ccs.allocate(budget, sizes);
            assertEquals(Math.min(budget, total), Arrays.stream(got).sum(), Arrays.toString(sizes) + " " + budget);
            for (int i = 0; i < sizes.length; i++) {
                assertTrue(got[i] >= 0 && got[i] <= sizes[i]);
            }
        }
    }

    @Test
    void binsAreEqualWidthWithTheMaximumInTheLast() {
        double[] score = {0, 0.0199, 0.02, 0.5, 1.0, 0.98};
        List<List<Integer>> bins = Ccs.bin(List.of(0, 1, 2, 3, 4, 5), score);
        assertEquals(50, bins.size());
        assertEquals(List.of(0, 1), bins.get(0));
        assertEquals(List.of(2), bins.get(1));
        assertEquals(List.of(3), bins.get(25));
        assertEquals(List.of(4, 5), bins.get(49));
        // a constant score puts everything in one bin
        assertEquals(List.of(0, 1), Ccs.bin(List.of(0, 1), new double[] {3, 3}).get(0));
    }

    @Test
    void dropsTheHardestByAumThenCoversTheScoreRange() {
        // 2 classes × 10; class 0 (even indices): eight samples score 0 and two score 1 (indices 16, 18)
        int[] labels = new int[20];
        double[] aum = new double[20];
        for (int i = 0; i < 20; i++) {
            labels[i] = i % 2;
            aum[i] = i >= 16 ? 1 : 0.5;
        }
        // the two lowest AUM overall are class 1's samples 1 and 3: mis_ratio 0.1 drops floor(2) = 2
        aum[1] = -5;
        aum[3] = -4;
        double[] score = aum.clone();
        for (int i = 0; i < 16; i += 2) {
            score[i] = 0;
        }
        Ccs.Result r = Ccs.select(aum, score, labels, List.of("a", "b"), 0.1, 4, 3);
        assertEquals(2, r.pruned());
        assertEquals(8, r.indices().length);
        assertTrue(Arrays.stream(r.indices()).noneMatch(i -> i == 1 || i == 3), Arrays.toString(r.indices()));
        // class 0: bins 0 (8 samples) and 49 (2 samples); 48 empty bins first, then bin 49 takes 4/2 = 2, bin 0 the rest
        assertEquals(8, r.binSizes()[0][0]);
        assertEquals(2, r.binSizes()[0][49]);
        assertEquals(2, r.budgets()[0][0]);
        assertEquals(2, r.budgets()[0][49]);
        assertTrue(Arrays.stream(r.indices()).filter(i -> i == 16 || i == 18).count() == 2, "the rare high scores are covered");
        assertEquals(4, Arrays.stream(r.indices()).filter(i -> labels[i] == 1).count());
        // same seed, same subset
        assertArrayEquals(r.indices(), Ccs.select(aum, score, labels, List.of("a", "b"), 0.1, 4, 3).indices());
    }

    @Test
    void aClassLeftWithTooFewCandidatesIsAUserError() {
        int[] labels = {0, 1, 0, 1, 0, 1};
        double[] aum = {1, -3, 1, -2, 1, 1};
        UserException e = assertThrows(UserException.class,
                () -> Ccs.select(aum, aum, labels, List.of("cat", "dog"), 0.34, 2, 0));
        assertTrue(e.getMessage().contains("class 'dog' has 1 candidates, fewer than --ipc 2"), e.getMessage());
        assertEquals(0.3, Ccs.defaultMisRatio(50));
        assertEquals(0.2, Ccs.defaultMisRatio(100));
    }
}
