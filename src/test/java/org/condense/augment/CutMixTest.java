package org.condense.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CutMixTest {
    private static final int N = 6, C = 2, H = 8, W = 10;

    /** Every pixel's value names its sample, channel and position, so any move is visible. */
    private static float[] labelledBatch() {
        float[] b = new float[N * C * H * W];
        int k = 0;
        for (int s = 0; s < N; s++) {
            for (int c = 0; c < C; c++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        b[k++] = s * 1000 + c * 100 + y * 10 + x;
                    }
                }
            }
        }
        return b;
    }

    @Test
    void randBboxMatchesPaperCode() {
        // λ = .75 → cut ratio .5 → cut 5 → half-side 2 → rows and columns 3..7 (the paper's even width)
        assertEquals(new CropBox(3, 3, 4, 4), CutMix.box(10, 10, 0.75, 5, 5));
        // λ = 0 → cut 8, half 4, centred at the corner → clipped to 4×4
        assertEquals(new CropBox(0, 0, 4, 4), CutMix.box(8, 8, 0.0, 0, 0));
        // λ = 1 → nothing cut
        assertTrue(CutMix.box(8, 8, 1.0, 3, 3).isEmpty());
        assertEquals(0.84f, CutMix.areaLambda(new CropBox(3, 3, 4, 4), 10, 10));
    }

    @Test
    void pastedRegionComesFromPermutedSampleAndLambdaIsAreaExact() {
        int observed = 0;
        for (int seed = 0; seed < 300; seed++) {
            float[] orig = labelledBatch();
            float[] batch = orig.clone();
            MixResult r = new CutMix(1.0, 1.0).apply(batch, N, C, H, W, new SplittableRandom(seed));
            int[] perm = r.permutation();
            boolean[] mask = null; // positions taken from the partner, identical for all moved samples
            for (int s = 0; s < N; s++) {
                boolean[] m = new boolean[H * W];
                for (int c = 0; c < C; c++) {
                    for (int p = 0; p < H * W; p++) {
                        float v = batch[(s * C + c) * H * W + p];
                        float own = orig[(s * C + c) * H * W + p];
                        float partner = orig[(perm[s] * C + c) * H * W + p];
                        assertTrue(v == own || v == partner, "pixel from neither sample");
                        if (v != own) {
                            m[p] = true;
                        }
                    }
                }
                if (perm[s] != s) {
                    if (mask != null) {
                        assertArrayEquals(mask, m, "one box per batch");
                    }
                    mask = m;
                }
            }
            if (mask == null) {
                continue; // identity permutation: nothing observable
            }
            observed++;
            int area = 0, top = H, left = W, bottom = 0, right = 0;
            for (int p = 0; p < H * W; p++) {
                if (mask[p]) {
                    area++;
                    top = Math.min(top, p / W);
                    bottom = Math.max(bottom, p / W + 1);
                    left = Math.min(left, p % W);
                    right = Math.max(right, p % W + 1);
                }
            }
            if (area > 0) {
                assertEquals((bottom - top) * (right - left), area, "pasted region is a rectangle");
            }
            assertEquals((float) (1.0 - area / (double) (H * W)), r.lambda(), "seed " + seed);
        }
        assertTrue(observed > 250);
    }

    @Test
    void probabilityZeroLeavesBatchUntouched() {
        float[] batch = labelledBatch();
        MixResult r = new CutMix(1.0, 0.0).apply(batch, N, C, H, W, new SplittableRandom(3));
        assertArrayEquals(labelledBatch(), batch);
        assertEquals(1f, r.lambda());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, r.permutation());
        assertTrue(!r.mixesLabels());
    }

    @Test
    void sameSeedSameResult() {
        float[] a = labelledBatch();
        float[] b = labelledBatch();
        MixResult ra = new CutMix().apply(a, N, C, H, W, new SplittableRandom(11));
        MixResult rb = new CutMix().apply(b, N, C, H, W, new SplittableRandom(11));
        assertArrayEquals(a, b);
        assertArrayEquals(ra.permutation(), rb.permutation());
        assertEquals(ra.lambda(), rb.lambda());
    }
}
