package org.condense.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.condense.random.Permutations;
import org.junit.jupiter.api.Test;

class MixupTest {
    private static final int N = 5, C = 3, H = 4, W = 4, LEN = C * H * W;

    private static float[] randomBatch(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] b = new float[N * LEN];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rng.nextGaussian();
        }
        return b;
    }

    @Test
    void convexCombinationIsExact() {
        for (int seed = 0; seed < 50; seed++) {
            float[] orig = randomBatch(seed);
            float[] batch = orig.clone();
            MixResult r = new Mixup(0.4, 1.0, true).apply(batch, N, C, H, W, new SplittableRandom(seed));
            float lam = r.lambda();
            assertTrue(lam >= 0 && lam <= 1);
            int[] perm = r.permutation();
            float[] expected = new float[orig.length];
            for (int s = 0; s < N; s++) {
                for (int k = 0; k < LEN; k++) {
                    expected[s * LEN + k] = lam * orig[s * LEN + k] + (1f - lam) * orig[perm[s] * LEN + k];
                }
            }
            assertArrayEquals(expected, batch, "seed " + seed);
        }
    }

    @Test
    void withoutLabelMixingPixelsMixButLambdaIsOne() {
        float[] a = randomBatch(1);
        float[] b = randomBatch(1);
        MixResult mixed = new Mixup(1.0, 1.0, true).apply(a, N, C, H, W, new SplittableRandom(5));
        MixResult plain = new Mixup(1.0, 1.0, false).apply(b, N, C, H, W, new SplittableRandom(5));
        assertArrayEquals(a, b);
        assertArrayEquals(mixed.permutation(), plain.permutation());
        assertEquals(1f, plain.lambda());
        assertTrue(mixed.lambda() < 1f);
    }

    @Test
    void probabilityZeroLeavesBatchUntouched() {
        float[] batch = randomBatch(2);
        MixResult r = new Mixup(0.2, 0.0, true).apply(batch, N, C, H, W, new SplittableRandom(2));
        assertArrayEquals(randomBatch(2), batch);
        assertEquals(1f, r.lambda());
    }

    /** The in-place cycle walk must read every partner before overwriting it. */
    @Test
    void inPlacePermutedReadSeesOriginals() {
        SplittableRandom rng = new SplittableRandom(17);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(9);
            int len = 3;
            float[] batch = new float[n * len];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = i;
            }
            int[] perm = Permutations.random(n, rng);
            int[] sorted = perm.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < n; i++) {
                assertEquals(i, sorted[i], "not a permutation");
            }
            float[] orig = batch.clone();
            PermutedBatch.forEachPermuted(batch, n, len, perm,
                    (dstOff, src, srcOff) -> System.arraycopy(src, srcOff, batch, dstOff, len));
            for (int s = 0; s < n; s++) {
                for (int k = 0; k < len; k++) {
                    assertEquals(orig[perm[s] * len + k], batch[s * len + k]);
                }
            }
        }
    }
}
