package org.condense.analyze;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** Logs images done, rate and ETA at most every {@code intervalNanos}, and once at the end. */
final class Progress {
    private final String what;
    private final long total;
    private final Consumer<String> log;
    private final LongSupplier clock;
    private final long intervalNanos;
    private final long start;
    private long done;
    private long lastLog;

    Progress(String what, long total, Consumer<String> log, LongSupplier clock, long intervalNanos) {
        this.what = what;
        this.total = total;
        this.log = log;
        this.clock = clock;
        this.intervalNanos = intervalNanos;
        this.start = clock.getAsLong();
        this.lastLog = start;
    }

    static Progress every10s(String what, long total, Consumer<String> log) {
        return new Progress(what, total, log, System::nanoTime, 10_000_000_000L);
    }

    void advance(long images) {
        done += images;
        long now = clock.getAsLong();
        if (done >= total || now - lastLog >= intervalNanos) {
            lastLog = now;
            log.accept(line(now));
        }
    }

    String line(long now) {
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = done >= total ? "done" : rate > 0 ? "ETA " + clock((long) Math.ceil((total - done) / rate)) : "ETA ?";
        return String.format("%s: %d/%d images (%.0f%%), %.0f img/s, %s", what, done, total,
                total == 0 ? 100.0 : 100.0 * done / total, rate, eta);
    }

    static String clock(long seconds) {
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
