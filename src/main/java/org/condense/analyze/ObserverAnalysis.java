package org.condense.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.condense.data.Normalization;
import org.condense.train.Batch;
import org.condense.train.BatchLoader;

/**
 * What every analysis under an observer shares: it streams each dataset's (evenly spaced, up to
 * {@code maxImages}) images in batches, normalised as the observer was trained, through a
 * {@link Pass} of the analysis, and logs progress over all datasets.
 *
 * @param <R> a row of the analysis's table
 */
public abstract class ObserverAnalysis<R> {
    /** One dataset's pass: sees its batches in dataset order, then gives its rows. */
    interface Pass<R> {
        void add(Batch batch);

        List<R> rows();
    }

    private final String name;
    private final Observer observer;
    private final Normalization normalization;
    private final int batchSize;
    private final int maxImages;
    final Consumer<String> log;

    /**
     * @param maxImages analyse up to this many evenly spaced images of each dataset (≤ 0: all)
     */
    ObserverAnalysis(String name, Observer observer, Normalization normalization, int batchSize, int maxImages,
            Consumer<String> log) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.name = name;
        this.observer = observer;
        this.normalization = normalization;
        this.batchSize = batchSize;
        this.maxImages = maxImages;
        this.log = log;
    }

    /** A new pass over {@code data}. */
    abstract Pass<R> start(AnalysisData data);

    public final List<R> run(List<AnalysisData> datasets) {
        long total = datasets.stream().mapToLong(d -> d.indices(maxImages).length).sum();
        Progress progress = Progress.every10s(name, total, log);
        List<R> rows = new ArrayList<>();
        for (AnalysisData d : datasets) {
            Pass<R> pass = start(d);
            try (BatchLoader batches = new BatchLoader(d.images(), normalization, d.indices(maxImages), batchSize, null,
                    null, 0, 0)) {
                while (batches.hasNext()) {
                    Batch b = batches.next();
                    pass.add(b);
                    progress.advance(b.size());
                }
            }
            rows.addAll(pass.rows());
        }
        return rows;
    }

    /** The observer's logits (N×K) for {@code n} images shaped as {@code batch}'s, checked for their number. */
    final float[] logits(float[] images, int n, Batch batch, int numClasses) {
        float[] logits = observer.logits(images, n, batch.channels(), batch.height(), batch.width());
        if (logits.length != (long) n * numClasses) {
            throw new IllegalStateException("observer returned " + logits.length + " logits for " + n + " images of "
                    + numClasses + " classes");
        }
        return logits;
    }
}
