package org.condense.analyze;

/** Streaming mean and population standard deviation (Welford), in constant memory. */
public final class RunningStats {
    private long count;
    private double mean;
    private double m2;

    /** {@code n} empty accumulators, e.g. one per crop scale. */
    static RunningStats[] array(int n) {
        RunningStats[] out = new RunningStats[n];
        for (int i = 0; i < n; i++) {
            out[i] = new RunningStats();
        }
        return out;
    }

    public void add(double x) {
        count++;
        double d = x - mean;
        mean += d / count;
        m2 += d * (x - mean);
    }

    public long count() {
        return count;
    }

    /** NaN when empty. */
    public double mean() {
        return count == 0 ? Double.NaN : mean;
    }

    /** Population std (divides by n), as the project reports spreads; NaN when empty. */
    public double std() {
        return count == 0 ? Double.NaN : Math.sqrt(Math.max(0, m2 / count));
    }
}
