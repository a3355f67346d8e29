package org.condense.random;

import java.util.random.RandomGenerator;

/** Uniform random permutations (Fisher–Yates), like {@code torch.randperm}. */
public final class Permutations {
    private Permutations() {}

    /** A permutation of {@code 0..n-1} drawn from {@code rng}. */
    public static int[] random(int n, RandomGenerator rng) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }
}
