package org.condense.labels;

/**
 * How batch records map to epoch files: record {@code g} is batch {@code g % batchesPerEpoch} of
 * epoch {@code g / batchesPerEpoch}; batch {@code b} is rows {@code [b·batchSize, …)} of its
 * epoch's files (only an epoch's last batch is short); an epoch file holds its stored batches only.
 */
record LabelLayout(int images, int batchSize, int epochs, long recordsStored) {
    static final String HEADER = "labels.json";

    int batchesPerEpoch() {
        return (images + batchSize - 1) / batchSize;
    }

    long recordsTotal() {
        return (long) epochs * batchesPerEpoch();
    }

    /** Stored batches of {@code epoch}: all, a first part (the last stored epoch), or none. */
    int batchesStored(int epoch) {
        long left = recordsStored - (long) epoch * batchesPerEpoch();
        return (int) Math.max(0, Math.min(batchesPerEpoch(), left));
    }

    /** Rows of {@code epoch}'s files: the samples of its stored batches. */
    int rows(int epoch) {
        return Math.min(images, batchesStored(epoch) * batchSize);
    }

    int batchRows(int batch) {
        return Math.min(batchSize, images - batch * batchSize);
    }

    static String logitsFile(int epoch) {
        return String.format("epoch-%05d.logits.npy", epoch);
    }

    /** Top-k folders only: each row's kept class indices. */
    static String classesFile(int epoch) {
        return String.format("epoch-%05d.classes.npy", epoch);
    }

    static String samplesFile(int epoch) {
        return String.format("epoch-%05d.samples.npy", epoch);
    }

    static String augmentFile(int epoch) {
        return String.format("epoch-%05d.augment.npy", epoch);
    }
}
