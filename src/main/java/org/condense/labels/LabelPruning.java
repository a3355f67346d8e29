package org.condense.labels;

import java.util.random.RandomGenerator;
import org.condense.random.Seeds;

/**
 * LPLD's label pruning: keep the first (1 − r) of the batch records, as the authors' code does,
 * and build every epoch from that pool by drawing its batches uniformly, with replacement.
 */
public final class LabelPruning {
    private LabelPruning() {}

    /** Records kept of {@code total} at ratio {@code r}: ⌊(1 − r)·total⌋, at least one. */
    public static long kept(long total, double r) {
        if (!(r >= 0 && r < 1)) {
            throw new org.condense.UserException("label pruning ratio must be in [0, 1), got " + r);
        }
        // the epsilon keeps (1 − 0.9)·100 from flooring to 9
        return Math.max(1, Math.min(total, (long) Math.floor((1 - r) * total + 1e-9)));
    }

    /** The global record numbers that make up {@code epoch}: {@code batches} draws from records {@code [0, pool)}. */
    public static long[] draw(long seed, int epoch, int batches, long pool) {
        RandomGenerator rng = Seeds.forLabelDraw(seed, epoch);
        long[] out = new long[batches];
        for (int i = 0; i < batches; i++) {
            out[i] = rng.nextLong(pool);
        }
        return out;
    }
}
