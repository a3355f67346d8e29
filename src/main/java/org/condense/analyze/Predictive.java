package org.condense.analyze;

/**
 * Per-sample quantities of a logit vector, in nats, computed stably in double through the
 * log-sum-exp of the shifted logits.
 */
public final class Predictive {
    private Predictive() {}

    /** Entropy H(softmax(z)) = log Σ exp z − Σ p_i z_i of the {@code k} logits at {@code offset}. */
    public static double entropy(float[] logits, int offset, int k) {
        double max = max(logits, offset, k);
        double sum = 0;
        double weighted = 0;
        for (int j = 0; j < k; j++) {
            double z = logits[offset + j] - max;
            double e = Math.exp(z);
            sum += e;
            weighted += e * z;
        }
        // H = log S − (Σ e_j z_j) / S with z shifted so that the largest is 0
        double h = Math.log(sum) - weighted / sum;
        return Math.max(0, h); // rounding can leave −1e−17 for a one-hot softmax
    }

    /** Cross-entropy −log softmax(z)_label of the {@code k} logits at {@code offset}. */
    public static double nll(float[] logits, int offset, int k, int label) {
        if (label < 0 || label >= k) {
            throw new IllegalArgumentException("label " + label + " outside [0, " + k + ")");
        }
        double max = max(logits, offset, k);
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += Math.exp(logits[offset + j] - max);
        }
        return Math.log(sum) - (logits[offset + label] - max);
    }

    public static double entropy(float[] logits) {
        return entropy(logits, 0, logits.length);
    }

    public static double nll(float[] logits, int label) {
        return nll(logits, 0, logits.length, label);
    }

    private static double max(float[] logits, int offset, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("need at least one logit");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            float z = logits[offset + j];
            if (Float.isNaN(z)) {
                return Double.NaN;
            }
            max = Math.max(max, z);
        }
        return max;
    }
}
