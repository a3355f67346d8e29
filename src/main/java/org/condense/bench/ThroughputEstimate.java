package org.condense.bench;

import java.util.List;
import org.condense.evaluate.ResultRecord;

/** Training images per second of finished runs, for the dry run's time estimate. */
final class ThroughputEstimate {
    private ThroughputEstimate() {}

    /** The median over records of {@code model} of epochs × training images / wall seconds, or {@code fallback}. */
    static double median(List<ResultRecord> records, String model, double fallback) {
        double[] rates = records.stream()
                .filter(r -> r.network() != null && r.network().name().equalsIgnoreCase(model) && r.wallSeconds() > 0)
                .mapToDouble(r -> r.protocolConfig().path("epochs").asDouble() * r.trainImages() / r.wallSeconds())
                .filter(x -> x > 0)
                .sorted()
                .toArray();
        if (rates.length == 0) {
            return fallback;
        }
        int m = rates.length / 2;
        return rates.length % 2 == 1 ? rates[m] : (rates[m - 1] + rates[m]) / 2;
    }
}
