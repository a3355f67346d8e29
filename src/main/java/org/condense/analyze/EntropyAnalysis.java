package org.condense.analyze;

import java.util.List;
import java.util.function.Consumer;
import org.condense.data.Normalization;
import org.condense.train.Batch;

/**
 * Predictive entropy of each dataset under an observer: H(softmax(z)) in nats of the observer's
 * logits on the whole, un-augmented images, normalised as the observer was trained. Low entropy
 * means the observer is confident: the paper uses it to show that easy (pruned) images are
 * low-entropy and that synthetic images sit elsewhere.
 */
public final class EntropyAnalysis extends ObserverAnalysis<EntropyAnalysis.Row> {
    public static final String NAME = "entropy";
    public static final String TITLE = "Predictive entropy under the observer";
    public static final List<String> COLUMNS = List.of("dataset", "images", "mean entropy (nats)", "std");

    /** One dataset's result; {@code std} is the population std over images. */
    public record Row(String dataset, long images, double meanEntropy, double std) {
        List<Object> cells() {
            return List.of(dataset, images, AnalysisTable.round(meanEntropy, 4), AnalysisTable.round(std, 4));
        }
    }

    /**
     * @param maxImages analyse up to this many evenly spaced images of each dataset (≤ 0: all)
     */
    public EntropyAnalysis(Observer observer, Normalization normalization, int batchSize, int maxImages, Consumer<String> log) {
        super(NAME, observer, normalization, batchSize, maxImages, log);
    }

    @Override
    Pass<Row> start(AnalysisData d) {
        int k = d.images().numClasses();
        RunningStats h = new RunningStats();
        return new Pass<>() {
            @Override
            public void add(Batch b) {
                float[] logits = logits(b.images(), b.size(), b, k);
                for (int i = 0; i < b.size(); i++) {
                    h.add(Predictive.entropy(logits, i * k, k));
                }
            }

            @Override
            public List<Row> rows() {
                log.accept(String.format("entropy of %s: %.4f ± %.4f nats over %d images", d.label(), h.mean(), h.std(),
                        h.count()));
                return List.of(new Row(d.label(), h.count(), h.mean(), h.std()));
            }
        };
    }

    public static AnalysisTable table(List<Row> rows, String command, String observer, int numClasses) {
        return new AnalysisTable(NAME, TITLE, command, observer, COLUMNS, rows.stream().map(Row::cells).toList(),
                String.format("Mean over images of the entropy of the observer's softmax on whole, un-augmented images, in nats "
                        + "(0 = certain, ln %d = %.3f = uniform); lower means the observer finds the images easier.",
                        numClasses, Math.log(numClasses)));
    }
}
