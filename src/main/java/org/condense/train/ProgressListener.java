package org.condense.train;

/** Receives a line of progress per epoch. */
@FunctionalInterface
public interface ProgressListener {
    void epochDone(EpochStats stats);

    ProgressListener SILENT = stats -> {};

    /** Statistics of one finished epoch; {@code etaSeconds} extrapolates the mean epoch time so far. */
    record EpochStats(int epoch, int epochs, double loss, double lr, double imagesPerSecond, double etaSeconds) {
        public String line() {
            return String.format("epoch %d/%d  loss %.4f  lr %.3g  %.0f img/s  ETA %s",
                    epoch + 1, epochs, loss, lr, imagesPerSecond, Durations.format(etaSeconds));
        }
    }
}
