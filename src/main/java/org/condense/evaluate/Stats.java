package org.condense.evaluate;

import java.util.List;

/** Mean and population standard deviation. */
public final class Stats {
    private Stats() {}

    public static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    public static double std(List<Double> xs) {
        double m = mean(xs);
        return Math.sqrt(xs.stream().mapToDouble(x -> (x - m) * (x - m)).average().orElse(Double.NaN));
    }
}
