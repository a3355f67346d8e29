package org.condense.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistributionsTest {
    private static final int DRAWS = 20_000;

    @Test
    void betaMeanIsAOverAPlusB() {
        double[][] params = {{1, 1}, {2, 5}, {0.2, 0.2}, {0.5, 3}, {4, 1.5}};
        for (double[] ab : params) {
            SplittableRandom rng = new SplittableRandom(42);
            double sum = 0;
            for (int i = 0; i < DRAWS; i++) {
                double x = Distributions.beta(ab[0], ab[1], rng);
                assertTrue(x >= 0 && x <= 1, "beta draw " + x);
                sum += x;
            }
            assertEquals(ab[0] / (ab[0] + ab[1]), sum / DRAWS, 0.01, "Beta(" + ab[0] + ", " + ab[1] + ")");
        }
    }

    @Test
    void betaOneOneIsUniform() {
        SplittableRandom rng = new SplittableRandom(7);
        int[] bins = new int[10];
        for (int i = 0; i < DRAWS; i++) {
            bins[Math.min(9, (int) (Distributions.beta(1, 1, rng) * 10))]++;
        }
        for (int b : bins) {
            assertEquals(DRAWS / 10.0, b, DRAWS * 0.015);
        }
    }

    @Test
    void gammaMeanIsShape() {
        for (double shape : new double[] {0.3, 1, 4.5}) {
            SplittableRandom rng = new SplittableRandom(3);
            double sum = 0;
            for (int i = 0; i < DRAWS; i++) {
                sum += Distributions.gamma(shape, rng);
            }
            assertEquals(shape, sum / DRAWS, 0.04 * shape + 0.01, "Gamma(" + shape + ")");
        }
    }
}
