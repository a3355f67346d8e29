package org.condense.select;

import java.util.Arrays;
import org.condense.random.Permutations;
import org.condense.random.Seeds;

/**
 * The pruning rules on one score: keep the easy (or hard) end of the ranking, either exactly IPC
 * per class or IPC × classes over the whole dataset in any class mix. Equal scores are ordered
 * by a permutation seeded from the selection seed, so ties never fall back to dataset order.
 */
public final class RankedSelection {
    private RankedSelection() {}

    /**
     * @param higherIsEasier the score's orientation (AUM: true; EL2N, forgetting: false)
     * @param hard keep the hard end instead of the easy end
     * @param balanced exactly {@code ipc} per class; otherwise {@code ipc × numClasses} in total
     * @return the chosen sample indices, ascending
     */
    public static int[] select(double[] scores, int[] labels, int numClasses, boolean higherIsEasier, boolean hard,
            boolean balanced, int ipc, long seed) {
        if (scores.length != labels.length || ipc < 1) {
            throw new IllegalArgumentException(scores.length + " scores, " + labels.length + " labels, ipc " + ipc);
        }
        int total = ipc * numClasses;
        int[] order = order(scores, higherIsEasier != hard, seed);
        int[] chosen = new int[total];
        int[] perClass = new int[numClasses];
        int taken = 0;
        for (int i = 0; i < order.length && taken < total; i++) {
            int index = order[i];
            if (!balanced || perClass[labels[index]] < ipc) {
                perClass[labels[index]]++;
                chosen[taken++] = index;
            }
        }
        if (taken < total) {
            throw new IllegalArgumentException("only " + taken + " of " + total + " samples available");
        }
        Arrays.sort(chosen);
        return chosen;
    }

    /**
     * The first {@code perClass} samples of each class in ranking order (easy end first unless
     * {@code hard}): the same samples as the balanced {@link #select}, but ranked, for methods
     * that use the order (PCA's composites).
     *
     * @return {@code [numClasses][perClass]} sample indices, most wanted first
     */
    public static int[][] rankPerClass(double[] scores, int[] labels, int numClasses, boolean higherIsEasier,
            boolean hard, int perClass, long seed) {
        if (scores.length != labels.length || perClass < 1) {
            throw new IllegalArgumentException(scores.length + " scores, " + labels.length + " labels, " + perClass);
        }
        int[][] ranked = new int[numClasses][perClass];
        int[] filled = new int[numClasses];
        for (int index : order(scores, higherIsEasier != hard, seed)) {
            int label = labels[index];
            if (filled[label] < perClass) {
                ranked[label][filled[label]++] = index;
            }
        }
        for (int k = 0; k < numClasses; k++) {
            if (filled[k] < perClass) {
                throw new IllegalArgumentException("class " + k + " has " + filled[k] + " samples, not " + perClass);
            }
        }
        return ranked;
    }

    /**
     * All indices, most wanted first: highest scores first when {@code highFirst}, else lowest;
     * equal scores in the order of a permutation drawn from {@link Seeds#forTieBreak}.
     */
    public static int[] order(double[] scores, boolean highFirst, long seed) {
        int n = scores.length;
        int[] tieRank = new int[n];
        int[] perm = Permutations.random(n, Seeds.forTieBreak(seed));
        for (int r = 0; r < n; r++) {
            tieRank[perm[r]] = r;
        }
        // primitive comparisons, so that 0.0 and -0.0 tie as numbers do
        return java.util.stream.IntStream.range(0, n).boxed().sorted((a, b) -> {
            double x = highFirst ? scores[b] : scores[a];
            double y = highFirst ? scores[a] : scores[b];
            return x < y ? -1 : x > y ? 1 : Integer.compare(tieRank[a], tieRank[b]);
        }).mapToInt(Integer::intValue).toArray();
    }
}
