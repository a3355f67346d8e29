package org.condense.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.condense.data.Normalization;
import org.condense.train.Batch;
import org.condense.train.BatchLoader;

/**
 * Predictive entropy of each dataset under an observer: H(softmax(z)) in nats of the observer's
 * logits on the whole, un-augmented images, normalised as the observer was trained. Low entropy
 * means the observer is confident: the paper uses it to show that easy (pruned) images are
 * low-entropy and that synthetic images sit elsewhere.
 */
public final class EntropyAnalysis {
    public static final String NAME = "entropy";
    public static final String TITLE = "Predictive entropy under the observer";
    public static final List<String> COLUMNS = List.of("dataset", "images", "mean entropy (nats)", "std");

    /** One dataset's result; {@code std} is the population std over images. */
    public record Row(String dataset, long images, double meanEntropy, double std) {
        List<Object> cells() {
            return List.of(dataset, images, AnalysisTable.round(meanEntropy, 4), AnalysisTable.round(std, 4));
        }
    }

    private final Observer observer;
    private final Normalization normalization;
    private final int batchSize;
    private final int maxImages;
    private final Consumer<String> log;

    /**
     * @param maxImages analyse up to this many evenly spaced images of each dataset (≤ 0: all)
     */
    public EntropyAnalysis(Observer observer, Normalization normalization, int batchSize, int maxImages, Consumer<String> log) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.observer = observer;
        this.normalization = normalization;
        this.batchSize = batchSize;
        this.maxImages = maxImages;
        this.log = log;
    }

    public List<Row> run(List<AnalysisData> datasets) {
        long total = datasets.stream().mapToLong(d -> d.indices(maxImages).length).sum();
        Progress progress = Progress.every10s("entropy", total, log);
        List<Row> rows = new ArrayList<>();
        for (AnalysisData d : datasets) {
            RunningStats h = new RunningStats();
            int k = d.images().numClasses();
            try (BatchLoader batches = new BatchLoader(d.images(), normalization, d.indices(maxImages), batchSize, null,
                    null, 0, 0)) {
                while (batches.hasNext()) {
                    Batch b = batches.next();
                    float[] logits = observer.logits(b.images(), b.size(), b.channels(), b.height(), b.width());
                    checkShape(logits, b.size(), k);
                    for (int i = 0; i < b.size(); i++) {
                        h.add(Predictive.entropy(logits, i * k, k));
                    }
                    progress.advance(b.size());
                }
            }
            rows.add(new Row(d.label(), h.count(), h.mean(), h.std()));
            log.accept(String.format("entropy of %s: %.4f ± %.4f nats over %d images", d.label(), h.mean(), h.std(), h.count()));
        }
        return rows;
    }

    public static AnalysisTable table(List<Row> rows, String command, String observer, int numClasses) {
        return new AnalysisTable(NAME, TITLE, command, observer, COLUMNS, rows.stream().map(Row::cells).toList(),
                String.format("Mean over images of the entropy of the observer's softmax on whole, un-augmented images, in nats "
                        + "(0 = certain, ln %d = %.3f = uniform); lower means the observer finds the images easier.",
                        numClasses, Math.log(numClasses)));
    }

    static void checkShape(float[] logits, int n, int k) {
        if (logits.length != (long) n * k) {
            throw new IllegalStateException("observer returned " + logits.length + " logits for " + n + " images of "
                    + k + " classes");
        }
    }
}
