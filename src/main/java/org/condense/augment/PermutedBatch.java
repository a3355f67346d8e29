package org.condense.augment;

/** Helpers for in-place batch mixing against a permutation of the batch. */
final class PermutedBatch {
    private PermutedBatch() {}

    /** Writes into sample {@code dstOff} using the original sample found at {@code src[srcOff]}. */
    interface Op {
        void apply(int dstOff, float[] src, int srcOff);
    }

    /**
     * Calls {@code op} for every sample i with the ORIGINAL sample perm[i], updating the batch in
     * place. Walking each cycle i → perm[i] → … means perm[i] is always still unmodified when i is
     * written, except at the cycle's end, which reads a saved copy of its head: one sample of
     * scratch instead of a copy of the batch. Fixed points get op(i, i).
     */
    static void forEachPermuted(float[] batch, int n, int sampleLen, int[] perm, Op op) {
        if (perm.length != n) {
            throw new IllegalArgumentException("permutation has " + perm.length + " entries for " + n + " samples");
        }
        boolean[] done = new boolean[n];
        float[] head = null;
        for (int start = 0; start < n; start++) {
            if (done[start]) {
                continue;
            }
            if (perm[start] == start) {
                done[start] = true;
                op.apply(start * sampleLen, batch, start * sampleLen);
                continue;
            }
            if (head == null) {
                head = new float[sampleLen];
            }
            System.arraycopy(batch, start * sampleLen, head, 0, sampleLen);
            int i = start;
            while (true) {
                if (done[i]) {
                    throw new IllegalArgumentException("not a permutation: " + i + " reached twice");
                }
                done[i] = true;
                int j = perm[i];
                if (j < 0 || j >= n) {
                    throw new IllegalArgumentException("permutation entry " + j + " outside 0.." + (n - 1));
                }
                if (j == start) {
                    op.apply(i * sampleLen, head, 0);
                    break;
                }
                op.apply(i * sampleLen, batch, j * sampleLen);
                i = j;
            }
        }
    }
}
