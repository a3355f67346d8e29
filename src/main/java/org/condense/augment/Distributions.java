package org.condense.augment;

import java.util.random.RandomGenerator;

/**
 * Gamma and Beta draws from a caller's generator (the JDK has none), so mixing coefficients are
 * as reproducible as everything else.
 */
public final class Distributions {
    private Distributions() {}

    /**
     * Gamma(shape, 1) by Marsaglia &amp; Tsang (2000); for shape &lt; 1 uses
     * Gamma(shape + 1)·U^(1/shape).
     */
    public static double gamma(double shape, RandomGenerator rng) {
        Checks.positive("gamma shape", shape);
        if (shape < 1) {
            double u = 1.0 - rng.nextDouble(); // (0, 1]: avoids 0^(1/shape) from a zero draw
            return gamma(shape + 1, rng) * Math.pow(u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = rng.nextGaussian();
            double v = 1.0 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1.0 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /**
     * Beta(a, b) = X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b); Beta(1, 1) is uniform. If both
     * Gamma draws underflow to 0 (only for tiny a, b) returns 1 with probability a/(a+b), else 0,
     * the limit of Beta as a, b → 0.
     */
    public static double beta(double a, double b, RandomGenerator rng) {
        double x = gamma(a, rng);
        double y = gamma(b, rng);
        double sum = x + y;
        if (sum == 0) {
            return rng.nextDouble() < a / (a + b) ? 1.0 : 0.0;
        }
        return x / sum;
    }
}
