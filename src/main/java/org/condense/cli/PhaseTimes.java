package org.condense.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Wall time per named phase, summed over steps: {@link #start()}, then {@link #lap} at the end of each phase. */
final class PhaseTimes {
    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private long last;

    void start() {
        last = System.nanoTime();
    }

    /** Charges the time since the previous lap (or start) to {@code phase}. */
    void lap(String phase) {
        long now = System.nanoTime();
        nanos.merge(phase, now - last, Long::sum);
        last = now;
    }

    /** Markdown table: phase, ms per step, share of the sum. */
    String table(int steps) {
        long total = nanos.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder out = new StringBuilder("| phase | ms per step | share |\n|---|---|---|\n");
        nanos.forEach((phase, ns) -> out.append(String.format(Locale.ROOT, "| %s | %.2f | %.1f%% |%n", phase, ns / 1e6 / steps,
                100.0 * ns / Math.max(1, total))));
        out.append(String.format(Locale.ROOT, "| total | %.2f | 100%% |", total / 1e6 / steps));
        return out.toString();
    }
}
