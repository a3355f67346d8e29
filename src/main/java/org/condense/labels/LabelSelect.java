package org.condense.labels;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.condense.UserException;
import org.condense.random.Seeds;

/**
 * How a label-pruned run picks its records, the two random rules of LPLD's code
 * ({@code --prune_metric random} with {@code --granularity batch_to_epoch} or {@code epoch}):
 * <ul>
 * <li>{@link #BATCH}: the pool is the first (1 − r) of the batch records; each epoch draws its
 *     batches uniformly, with replacement, from it (see {@link LabelPruning});</li>
 * <li>{@link #EPOCH}: the pool is the first ⌊(1 − r)·epochs⌋ whole epochs (at least one); each
 *     epoch replays one of them, drawn uniformly with replacement, batch by batch in order.</li>
 * </ul>
 * Both are seeded by the labels' seed and the epoch, so a run draws the same records every time.
 */
public enum LabelSelect {
    BATCH("batch"),
    EPOCH("epoch");

    /** The rule a run uses when none is named: what every run before these rules used. */
    public static final LabelSelect DEFAULT = BATCH;

    private final String id;

    LabelSelect(String id) {
        this.id = id;
    }

    /** The name in grids, options and records. */
    public String id() {
        return id;
    }

    /** The rule named {@code name}; null or blank gives the default. */
    public static LabelSelect parse(String name) {
        if (name == null || name.isBlank()) {
            return DEFAULT;
        }
        for (LabelSelect s : values()) {
            if (s.id.equals(name)) {
                return s;
            }
        }
        throw new UserException("unknown label selection '" + name + "'; use one of "
                + Arrays.stream(values()).map(LabelSelect::id).collect(Collectors.joining(", ")));
    }

    /** Batch records the rule keeps of {@code epochs} epochs of {@code batches} batches at ratio {@code r}. */
    public long kept(int epochs, int batches, double r) {
        long total = (long) epochs * batches;
        if (this == BATCH) {
            return LabelPruning.kept(total, r);
        }
        LabelPruning.kept(total, r); // checks the ratio
        // the epsilon keeps (1 − 0.9)·10 from flooring to 0
        long keptEpochs = Math.max(1, Math.min(epochs, (long) Math.floor((1 - r) * epochs + 1e-9)));
        return keptEpochs * batches;
    }

    /**
     * The global record numbers (epoch · batches + batch) that make up training epoch
     * {@code epoch}, drawn from records {@code [0, pool)} ({@code pool} from {@link #kept}).
     */
    public long[] draw(long seed, int epoch, int batches, long pool) {
        if (this == BATCH) {
            return LabelPruning.draw(seed, epoch, batches, pool);
        }
        long from = Seeds.forLabelDraw(seed, epoch).nextLong(pool / batches) * batches;
        long[] out = new long[batches];
        for (int b = 0; b < batches; b++) {
            out[b] = from + b;
        }
        return out;
    }
}
