package org.condense.augment;

/**
 * How a batch was mixed, for the loss: {@code loss = λ·CE(y) + (1 − λ)·CE(y[permutation])}.
 * {@code lambda} is the weight of each sample's own label; {@code permutation[i]} is the sample
 * mixed into sample {@code i}. The array is shared, not copied.
 */
public record MixResult(int[] permutation, float lambda) {

    /** Nothing mixed: identity permutation, λ = 1. */
    public static MixResult identity(int n) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        return new MixResult(perm, 1f);
    }

    /** Whether the labels need mixing at all. */
    public boolean mixesLabels() {
        return lambda != 1f;
    }
}
