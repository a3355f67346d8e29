package org.condense.labels;

/**
 * Top-k label storage as FKD ships it ("marginal smoothing"): each row keeps its k most probable
 * classes exactly, and the probability left over is spread uniformly over the other classes.
 * Stored as logits so the loss code stays the same: the k largest logits, and one logit shared by
 * every other class, {@code T·log(mean over the others of exp(t_j / T))}; softmax at temperature T
 * of the rebuilt row then gives the kept classes their exact probability and the others an equal
 * share of the rest.
 */
final class TopKLogits {
    private TopKLogits() {}

    /**
     * Compresses one row of {@code classes} logits starting at {@code from}.
     *
     * @param values out: k logits (largest first; ties to the lower class) then the others' logit
     * @param indices out: the k classes
     */
    static void keep(float[] logits, int from, int classes, int k, double temperature, float[] values,
            int[] indices) {
        boolean[] taken = new boolean[classes];
        for (int j = 0; j < k; j++) {
            int best = -1;
            for (int c = 0; c < classes; c++) {
                if (!taken[c] && (best < 0 || logits[from + c] > logits[from + best])) {
                    best = c;
                }
            }
            taken[best] = true;
            indices[j] = best;
            values[j] = logits[from + best];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            if (!taken[c]) {
                max = Math.max(max, logits[from + c]);
            }
        }
        double sum = 0; // shifted by the largest for a stable log-mean-exp
        for (int c = 0; c < classes; c++) {
            if (!taken[c]) {
                sum += Math.exp((logits[from + c] - max) / temperature);
            }
        }
        values[k] = (float) (max + temperature * Math.log(sum / (classes - k)));
    }

    /** The full row of {@code classes} logits rebuilt from {@code k} kept ones and the others' logit. */
    static void rebuild(float[] values, int[] indices, int k, int classes, float[] out, int at) {
        java.util.Arrays.fill(out, at, at + classes, values[k]);
        for (int j = 0; j < k; j++) {
            out[at + indices[j]] = values[j];
        }
    }
}
