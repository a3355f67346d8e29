package org.condense.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.condense.model.StatisticsTap;
import org.junit.jupiter.api.Test;

/** G-VBSM's loss terms on hand-computed cases. */
class GvbsmTermsTest {

    @Test
    void jacobiFindsKnownEigenvalues() {
        // [[2,1],[1,2]]: 1 and 3
        assertArrayEquals(new double[] {1, 3}, sorted(SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}}).values()), 1e-12);
        // the second-difference matrix: 2 − √2, 2, 2 + √2
        double[][] t = {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}};
        SymmetricEigen e = SymmetricEigen.of(t);
        assertArrayEquals(new double[] {2 - Math.sqrt(2), 2, 2 + Math.sqrt(2)}, sorted(e.values()), 1e-12);
        // and Σ λ_k v_k v_kᵀ gives the matrix back (the vectors are what the gradient uses)
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double sum = 0;
                for (int k = 0; k < 3; k++) {
                    sum += e.values()[k] * e.vectors()[k][i] * e.vectors()[k][j];
                }
                assertEquals(t[i][j], sum, 1e-12, "(" + i + ", " + j + ")");
            }
        }
        // a random 100×100 Gram matrix of rank 50: the trace and the Frobenius norm are Σλ and Σλ²
        double[][] g = gram(new SplittableRandom(3), 100, 50);
        double[] l = SymmetricEigen.of(g).values();
        double trace = 0;
        double frob = 0;
        for (int i = 0; i < 100; i++) {
            trace += g[i][i];
            for (int j = 0; j < 100; j++) {
                frob += g[i][j] * g[i][j];
            }
        }
        assertEquals(trace, Arrays.stream(l).sum(), 1e-9 * trace);
        assertEquals(frob, Arrays.stream(l).map(x -> x * x).sum(), 1e-9 * frob);
        double zero = 1e-9 * trace;
        assertEquals(50, Arrays.stream(l).filter(x -> Math.abs(x) < zero).count(), "rank 50");
    }

    /**
     * A 32 px, one-channel batch (no pooling): class 0 has two images, e₀ and e₀ + e₁, so
     * G = [[1, 1], [1, 2]], λ = (3 ∓ √5)/2; class 1 has one image (no term); class 2 has e₀ and
     * 2·e₁, G = diag(1, 4). For λ = (1, 4), τ = 4: t = softmax(¼, 1) = (0.320821, 0.679179),
     * log_softmax(λ) = (−3.048587, −0.048587), KL = Σ t·(log t − log_softmax) = 0.383564.
     * For λ = (3 ∓ √5)/2 the same formulas give 0.259410.
     */
    @Test
    void densificationOnKnownGramEigenvalues() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = new float[5 * 1024];
            x[0] = 1;                                 // class 0, e₀
            x[1024] = 1;                              // class 0, e₀ + e₁
            x[1024 + 1] = 1;
            x[2 * 1024 + 7] = 5;                      // class 1, alone
            x[3 * 1024] = 1;                          // class 2, e₀
            x[4 * 1024 + 1] = 2;                      // class 2, 2·e₁
            NDArray batch = m.create(x, new Shape(5, 1, 32, 32));
            assertEquals(0.383564, Densification.of(batch.get("3:5"), new int[] {2, 2}, 4, m).getFloat(), 1e-5);
            assertEquals(0.259410, Densification.of(batch.get("0:2"), new int[] {0, 0}, 4, m).getFloat(), 1e-5);
            assertEquals(0.0, Densification.of(batch.get("2:3"), new int[] {1}, 4, m).getFloat(), 0.0);
            assertEquals(0.383564 + 0.259410, Densification.of(batch, new int[] {0, 0, 1, 2, 2}, 4, m).getFloat(), 1e-5);
        }
    }

    /**
     * 16 px images are average-pooled "up" to 32×32 (AdaptiveAvgPool2d): each pixel becomes a 2×2
     * block, so the Gram matrix is 4× the 16 px one: e₀ and 2·e₁ give diag(4, 16), and
     * λ = (4, 16), τ = 4: t = softmax(1, 4), KL = 0.378252.
     */
    @Test
    void densificationPoolsTo32Pixels() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = new float[2 * 256];
            x[0] = 1;
            x[256 + 1] = 2;
            NDArray batch = m.create(x, new Shape(2, 1, 16, 16));
            assertEquals(0.378252, Densification.of(batch, new int[] {0, 0}, 4, m).getFloat(), 1e-5);
        }
    }

    /** The hand-built gradient against central differences of the KL with the target held fixed. */
    @Test
    void densificationGradientMatchesFiniteDifferences() {
        int n = 3;
        int d = 2 * 32 * 32;
        Random r = new Random(5);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.04 * r.nextGaussian());
        }
        double[] lambda = SymmetricEigen.of(gram(x, n, d)).values();
        double[] target = Densification.softmax(lambda, 4);
        float[] grad;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xs = m.create(x, new Shape(n, 2, 32, 32));
            xs.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray loss = Densification.of(xs, new int[] {4, 4, 4}, 4, m);
                assertEquals(Densification.kl(lambda, target), loss.getFloat(), 1e-5);
                c.backward(loss);
            }
            grad = xs.getGradient().toFloatArray();
        }
        double h = 1e-4;
        int checked = 0;
        for (int i : new int[] {0, 17, 1500, d + 3, 2 * d + 2047, 3 * d - 1}) {
            float[] plus = x.clone();
            float[] minus = x.clone();
            plus[i] += (float) h;
            minus[i] -= (float) h;
            double fd = (Densification.kl(SymmetricEigen.of(gram(plus, n, d)).values(), target)
                    - Densification.kl(SymmetricEigen.of(gram(minus, n, d)).values(), target))
                    / ((double) plus[i] - minus[i]);
            assertEquals(fd, grad[i], 2e-3 * Math.abs(fd) + 1e-6, "entry " + i);
            checked += fd != 0 ? 1 : 0;
        }
        assertEquals(6, checked, "the gradient is not trivially zero");
    }

    /**
     * N = 1, C = 2, 4×4: channel 0 holds 0…15 row-major (mean 7.5, variance (16² − 1)/12 = 21.25),
     * channel 1 ones (mean 1, variance 0). With 2×2 patches, patch (0,0) holds 0, 1, 4, 5 and four
     * ones: mean 14/8 = 1.75, E[x²] = 46/8, variance 5.75 − 1.75² = 2.6875; likewise (0,1):
     * 2.75, 5.1875; (1,0): 5.75, 24.6875; (1,1): 6.75, 35.1875.
     */
    @Test
    void convInputChannelAndPatchStatistics() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = new float[32];
            for (int i = 0; i < 16; i++) {
                x[i] = i;
                x[16 + i] = 1;
            }
            ConvStatistics.Moments s = ConvStatistics.of(m.create(x, new Shape(1, 2, 4, 4)), 2, m);
            assertArrayEquals(new float[] {7.5f, 1f}, s.mean().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {21.25f, 0f}, s.var().toFloatArray(), 1e-5f);
            assertArrayEquals(new float[] {1.75f, 2.75f, 5.75f, 6.75f}, s.patchMean().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {2.6875f, 5.1875f, 24.6875f, 35.1875f}, s.patchVar().toFloatArray(), 1e-5f);

            // a 3×3 map with 4 px patches is resized to 4×4 first: constant channels 2 and 4 stay constant,
            // one patch of eight 2s and eight 4s per image: mean 3, variance 1
            float[] c = new float[18];
            Arrays.fill(c, 0, 9, 2f);
            Arrays.fill(c, 9, 18, 4f);
            ConvStatistics.Moments r = ConvStatistics.of(m.create(c, new Shape(1, 2, 3, 3)), 4, m);
            assertArrayEquals(new float[] {3f}, r.patchMean().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {1f}, r.patchVar().toFloatArray(), 1e-5f);
            assertEquals(8, ConvStatistics.roundUp(5, 4));
            assertEquals(224, ConvStatistics.roundUp(224, 16));
        }
    }

    /**
     * One batch-norm layer (first, ×10), running mean 5 and variance 3, α = 0.4.
     * Step 1: inputs 1, 3: μ = 2, σ² = 1; the EMA starts there: (|5 − 2| + |3 − 1|)·10 = 50.
     * Step 2: inputs 4, 8: μ = 6, σ² = 4; EMA μ = 0.4·2 + 0.6·6 = 4.4, σ² = 0.4·1 + 0.6·4 = 2.8:
     * (0.6 + 0.2)·10 = 8. The gradient flows through step 2's batch alone, with weight 1:
     * ∂/∂x_i = 10·(−1·½ − 1·(x_i − 6)) = (15, −25).
     */
    @Test
    void batchNormStatisticsAreAnEmaWithTheCurrentBatchsGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            BatchNorm bn = BatchNorm.builder().build();
            bn.initialize(m, DataType.FLOAT32, new Shape(2, 1, 1, 1));
            StatisticsTap.Input probe = new StatisticsTap.Input(bn, m.zeros(new Shape(2, 1, 1, 1)));
            probe.batchNorm().runningMean().set(new float[] {5});
            probe.batchNorm().runningVar().set(new float[] {3});
            SyntheticEma ema = new SyntheticEma(0.4, 1);
            TrainingStatistics none = new TrainingStatistics(List.of());
            NDArray first = m.create(new float[] {1, 3}, new Shape(2, 1, 1, 1));
            float step1 = StatisticsMatch.of(List.of(new StatisticsTap.Input(bn, first)), none, ema, 0, 4, 0, 10,
                    new SplittableRandom(1), m).getFloat();
            assertEquals(50f, step1, 1e-5f);
            NDArray second = m.create(new float[] {4, 8}, new Shape(2, 1, 1, 1));
            second.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray loss = StatisticsMatch.of(List.of(new StatisticsTap.Input(bn, second)), none, ema, 0, 4, 0, 10,
                        new SplittableRandom(1), m);
                assertEquals(8f, loss.getFloat(), 1e-5f);
                c.backward(loss);
            }
            assertArrayEquals(new float[] {15f, -25f}, second.getGradient().toFloatArray(), 1e-4f);
            // a copy keeps the state; a third step moves the original only
            SyntheticEma snapshot = ema.copy();
            StatisticsMatch.of(List.of(new StatisticsTap.Input(bn, first)), none, ema, 0, 4, 0, 10,
                    new SplittableRandom(1), m);
            float again = StatisticsMatch.of(List.of(new StatisticsTap.Input(bn, second)), none, snapshot, 0, 4, 0,
                    10, new SplittableRandom(1), m).getFloat();
            // EMA μ = 0.4·4.4 + 0.6·6 = 5.36, σ² = 0.4·2.8 + 0.6·4 = 3.52: (0.36 + 0.52)·10 = 8.8
            assertEquals(8.8f, again, 1e-4f);
            assertNotEquals(again, StatisticsMatch.of(List.of(new StatisticsTap.Input(bn, second)), none, ema, 0, 4,
                    0, 10, new SplittableRandom(1), m).getFloat());
        }
    }

    /** Crop by (−4…4), flip and roll are selections: a pixel lands where the draw says. */
    @Test
    void shiftJitterMovesPixelsAsTorchRoll() {
        float[] shifted = ShiftJitter.shifted(4, 1, false); // out[i] = in[i + 1], 0 past the edge
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0}, shifted);
        float[] rolled = ShiftJitter.rolled(ShiftJitter.shifted(4, 0, false), 4, 1); // out[i] = in[(i − 1) mod 4]
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0}, rolled);
        float[] flipped = ShiftJitter.shifted(3, 0, true);
        assertArrayEquals(new float[] {0, 0, 1, 0, 1, 0, 1, 0, 0}, flipped);
    }

    private static double[] sorted(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }

    private static double[][] gram(SplittableRandom r, int n, int d) {
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return gram(x, n, d);
    }

    private static double[][] gram(float[] x, int n, int d) {
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += (double) x[i * d + k] * x[j * d + k];
                }
                g[i][j] = s;
            }
        }
        return g;
    }
}
