package org.condense.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.condense.UserException;
import org.condense.random.Permutations;
import org.condense.random.Seeds;

/**
 * Coverage-centric coreset selection (Zheng et al., ICLR 2023), class-balanced: drop the
 * {@code misRatio} fraction of the whole dataset with the lowest AUM (likely mislabelled or
 * ambiguous), then in each class split the remaining candidates' score range into
 * {@value #BINS} equal-width bins and sample the class's budget across them, smallest bins
 * first, uniformly at random inside a bin. This follows the authors' code: the drop is global,
 * {@code floor(misRatio·n)} samples, ties broken by the seed; bins are per class here because the
 * budget is exactly IPC per class.
 */
public final class Ccs {
    public static final int BINS = 50;

    private Ccs() {}

    /**
     * What was chosen and how.
     *
     * @param indices chosen samples, ascending
     * @param pruned samples dropped by the AUM cut
     * @param binSizes per class, candidates in each bin
     * @param budgets per class, samples taken from each bin
     */
    public record Result(int[] indices, int pruned, int[][] binSizes, int[][] budgets) {}

    /** The CCS paper's hard-sample cut: 30 % at small budgets (IPC ≤ 50), 20 % above. */
    public static double defaultMisRatio(int ipc) {
        return ipc <= 50 ? 0.3 : 0.2;
    }

    /**
     * @param aum AUM per sample (low = hard); the cut uses it
     * @param score the score stratified over (often AUM again)
     */
    public static Result select(double[] aum, double[] score, int[] labels, List<String> classNames, double misRatio,
            int ipc, long seed) {
        int n = labels.length;
        int classes = classNames.size();
        int pruned = (int) Math.floor(misRatio * n);
        int[] hardestFirst = RankedSelection.order(aum, false, seed);
        List<List<Integer>> candidates = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            candidates.add(new ArrayList<>());
        }
        boolean[] dropped = new boolean[n];
        for (int i = 0; i < pruned; i++) {
            dropped[hardestFirst[i]] = true;
        }
        for (int i = 0; i < n; i++) {
            if (!dropped[i]) {
                candidates.get(labels[i]).add(i);
            }
        }
        int[] chosen = new int[ipc * classes];
        int taken = 0;
        int[][] binSizes = new int[classes][];
        int[][] budgets = new int[classes][];
        for (int c = 0; c < classes; c++) {
            List<Integer> pool = candidates.get(c);
            if (pool.size() < ipc) {
                throw new UserException(String.format("CCS: after dropping the %.0f%% hardest samples by AUM, class '%s' "
                        + "has %d candidates, fewer than --ipc %d; lower --option mis_ratio=... or --ipc",
                        100 * misRatio, classNames.get(c), pool.size(), ipc));
            }
            List<List<Integer>> bins = bin(pool, score);
            binSizes[c] = bins.stream().mapToInt(List::size).toArray();
            budgets[c] = allocate(ipc, binSizes[c]);
            for (int b = 0; b < BINS; b++) {
                List<Integer> members = bins.get(b);
                int[] perm = Permutations.random(members.size(), Seeds.forStratum(seed, c, b));
                for (int j = 0; j < budgets[c][b]; j++) {
                    chosen[taken++] = members.get(perm[j]);
                }
            }
        }
        if (taken != chosen.length) {
            throw new IllegalStateException("bins gave " + taken + " samples for " + chosen.length);
        }
        Arrays.sort(chosen);
        return new Result(chosen, pruned, binSizes, budgets);
    }

    /** The pool split into {@value #BINS} equal-width bins over its score range (the maximum in the last). */
    static List<List<Integer>> bin(List<Integer> pool, double[] score) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i : pool) {
            min = Math.min(min, score[i]);
            max = Math.max(max, score[i]);
        }
        List<List<Integer>> bins = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            bins.add(new ArrayList<>());
        }
        for (int i : pool) {
            int b = max > min ? (int) Math.floor((score[i] - min) / (max - min) * BINS) : 0;
            bins.get(Math.min(BINS - 1, b)).add(i);
        }
        return bins;
    }

    /**
     * How many samples each bin gives: bins are served smallest first, each taking at most an
     * even share (rounded down) of what is still needed, so small bins are taken whole and their
     * unused share passes to the larger ones. Equal sizes are served in bin order.
     *
     * @return per bin (in the given order) its budget; the sum is {@code min(budget, Σ sizes)}
     */
    public static int[] allocate(int budget, int[] sizes) {
        Integer[] bySize = new Integer[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            bySize[i] = i;
        }
        Arrays.sort(bySize, (a, b) -> sizes[a] != sizes[b] ? Integer.compare(sizes[a], sizes[b]) : Integer.compare(a, b));
        int[] out = new int[sizes.length];
        int rest = budget;
        for (int i = 0; i < bySize.length; i++) {
            int share = rest / (bySize.length - i);
            out[bySize[i]] = Math.min(sizes[bySize[i]], share);
            rest -= out[bySize[i]];
        }
        return out;
    }
}
