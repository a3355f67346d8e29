package org.condense.analyze;

import java.util.List;
import java.util.function.Consumer;
import org.condense.augment.Bilinear;
import org.condense.augment.CropBox;
import org.condense.augment.TileGrid;
import org.condense.data.Normalization;
import org.condense.train.Batch;

/**
 * The observer on what patch extraction shows a student: every tile of every stored image
 * (an f×f composite, f from the compressed dataset's manifest; 1 for plain data, i.e. the whole
 * image), bilinearly resized back to full size, scored against the image's class. Next to the
 * same source images read whole (the selection the composites were built from) it measures what
 * the lost resolution costs a teacher's labels: with soft labels the teacher labels exactly
 * these views.
 */
public final class TileAnalysis extends ObserverAnalysis<TileAnalysis.Row> {
    public static final String NAME = "tiles";
    public static final String TITLE = "The observer on composite tiles resized to full size";
    public static final List<String> COLUMNS = List.of("dataset", "factor", "tile side (px)", "images", "tiles",
            "observer top-1 (%)", "NLL", "entropy (nats)");

    /** One dataset's result: means over every tile of every image. */
    public record Row(String dataset, int factor, int tileSide, long images, long tiles, double top1, double nll,
            double entropy) {
        List<Object> cells() {
            return List.of(dataset, factor, tileSide, images, tiles, AnalysisTable.round(top1, 2), AnalysisTable.round(nll, 4),
                    AnalysisTable.round(entropy, 4));
        }
    }

    /**
     * @param maxImages analyse up to this many evenly spaced images of each dataset (≤ 0: all)
     */
    public TileAnalysis(Observer observer, Normalization normalization, int batchSize, int maxImages, Consumer<String> log) {
        super(NAME, observer, normalization, batchSize, maxImages, log);
    }

    @Override
    Pass<Row> start(AnalysisData d) {
        int k = d.images().numClasses();
        int c = d.images().channels();
        int h = d.images().height();
        int w = d.images().width();
        int pixels = c * h * w;
        if (d.factor() > 1 && h != w) {
            throw new IllegalArgumentException(d.label() + " holds " + h + "×" + w + " images; composites are square");
        }
        TileGrid grid = new TileGrid(Math.min(h, w), d.factor());
        RunningStats correct = new RunningStats();
        RunningStats nll = new RunningStats();
        RunningStats entropy = new RunningStats();
        long[] images = {0};
        return new Pass<>() {
            @Override
            public void add(Batch b) {
                int n = b.size();
                float[] views = new float[n * pixels];
                for (int t = 0; t < grid.tiles(); t++) {
                    CropBox tile = d.factor() == 1 ? CropBox.whole(h, w) : grid.tile(t);
                    for (int i = 0; i < n; i++) {
                        Bilinear.cropResize(b.images(), i * pixels, c, h, w, tile, views, i * pixels, h, w);
                    }
                    float[] logits = logits(views, n, b, k);
                    for (int i = 0; i < n; i++) {
                        correct.add(argmax(logits, i * k, k) == b.labels()[i] ? 1 : 0);
                        nll.add(Predictive.nll(logits, i * k, k, b.labels()[i]));
                        entropy.add(Predictive.entropy(logits, i * k, k));
                    }
                }
                images[0] += n;
            }

            @Override
            public List<Row> rows() {
                int side = d.factor() == 1 ? h : grid.tile(0).height();
                Row row = new Row(d.label(), d.factor(), side, images[0], correct.count(), 100 * correct.mean(), nll.mean(),
                        entropy.mean());
                log.accept(String.format("tiles of %s (f = %d, %d px): observer top-1 %.2f %%, NLL %.4f, entropy %.4f over "
                        + "%d tiles", d.label(), d.factor(), side, row.top1(), row.nll(), row.entropy(), row.tiles()));
                return List.of(row);
            }
        };
    }

    /** Index of the largest of the {@code k} logits at {@code offset}; the first on ties. */
    static int argmax(float[] logits, int offset, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (logits[offset + j] > logits[offset + best]) {
                best = j;
            }
        }
        return best;
    }

    public static AnalysisTable table(List<Row> rows, String command, String observer) {
        return new AnalysisTable(NAME, TITLE, command, observer, COLUMNS, rows.stream().map(Row::cells).toList(),
                "The observer's top-1, NLL and entropy on every tile of each stored image, resized bilinearly to full size "
                        + "(what patch extraction shows a student, and what an online teacher labels); factor 1 is the whole "
                        + "image. Compare composites with the selection they were built from, read whole.");
    }
}
