package org.condense.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.condense.augment.Bilinear;
import org.condense.augment.CropBox;
import org.condense.augment.TileGrid;
import org.condense.data.Normalization;
import org.condense.train.Batch;

/**
 * The observer on what patch extraction shows a student: every tile of every stored image (an
 * f×f composite, f from the compressed dataset's manifest; 1 for plain data, i.e. the whole
 * image), or random square crops of area fraction r inside each tile, bilinearly resized back to
 * full size and scored against the image's class. Next to the same source images read whole (the
 * selection the composites were built from) it measures what the lost resolution costs a
 * teacher's labels: with soft labels the teacher labels exactly such views.
 *
 * <p>A crop at scale r is {@link org.condense.augment.RandomResizedCrop} within the tile with scale fixed at r and
 * aspect ratio 1 (a square of side rint(√(r·tile area)) at a uniform position); scale 1 is the
 * whole tile and is evaluated once. Crops of image i at scale r come from a generator keyed by
 * (seed, r, i), drawn tile by tile: the result does not depend on the batch size.
 */
public final class TileAnalysis extends ObserverAnalysis<TileAnalysis.Row> {
    public static final String NAME = "tiles";
    public static final String TITLE = "The observer on composite tiles and crops of them, resized to full size";
    public static final List<String> COLUMNS = List.of("dataset", "factor", "tile side (px)", "crop scale",
            "crop side (px)", "images", "views", "observer top-1 (%)", "NLL", "entropy (nats)");

    /** One (dataset, scale) result: means over every view (tile × crop) of every image. */
    public record Row(String dataset, int factor, int tileSide, double scale, int cropSide, long images, long views,
            double top1, double nll, double entropy) {
        List<Object> cells() {
            return List.of(dataset, factor, tileSide, scale, cropSide, images, views, AnalysisTable.round(top1, 2),
                    AnalysisTable.round(nll, 4), AnalysisTable.round(entropy, 4));
        }
    }

    private final double[] scales;
    private final int crops;
    private final long seed;

    /**
     * @param scales crop area fractions within a tile, in (0, 1]; 1 is the whole tile
     * @param crops random crops per tile and scale below 1
     * @param maxImages analyse up to this many evenly spaced images of each dataset (≤ 0: all)
     */
    public TileAnalysis(Observer observer, Normalization normalization, double[] scales, int crops, long seed,
            int batchSize, int maxImages, Consumer<String> log) {
        super(NAME, observer, normalization, batchSize, maxImages, log);
        CropAnalysis.check(scales, crops);
        this.scales = scales.clone();
        this.crops = crops;
        this.seed = seed;
    }

    /** The whole tiles only (scale 1). */
    public TileAnalysis(Observer observer, Normalization normalization, int batchSize, int maxImages, Consumer<String> log) {
        this(observer, normalization, new double[] {1.0}, 1, 0, batchSize, maxImages, log);
    }

    /** Crops per tile at {@code scale}: one at scale 1, where every crop is the whole tile. */
    private int cropsAt(double scale) {
        return scale == 1.0 ? 1 : crops;
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
        List<CropBox> tiles = new ArrayList<>();
        if (d.factor() == 1) {
            tiles.add(CropBox.whole(h, w));
        } else {
            TileGrid grid = new TileGrid(h, d.factor());
            for (int t = 0; t < grid.tiles(); t++) {
                tiles.add(grid.tile(t));
            }
        }
        CropBox first = tiles.get(0);
        RunningStats[] correct = RunningStats.array(scales.length);
        RunningStats[] nll = RunningStats.array(scales.length);
        RunningStats[] entropy = RunningStats.array(scales.length);
        return new Pass<>() {
            @Override
            public void add(Batch b) {
                int n = b.size();
                float[] views = new float[n * pixels];
                for (int s = 0; s < scales.length; s++) {
                    int perTile = cropsAt(scales[s]);
                    CropBox[][] boxes = new CropBox[n][tiles.size() * perTile];
                    for (int i = 0; i < n; i++) {
                        RandomGenerator rng = CropAnalysis.generator(seed, scales[s], b.indices()[i]);
                        for (int t = 0; t < tiles.size(); t++) {
                            for (int j = 0; j < perTile; j++) {
                                boxes[i][t * perTile + j] = box(tiles.get(t), scales[s], rng);
                            }
                        }
                    }
                    int m = boxes[0].length;
                    double[][] perView = new double[3][n * m]; // right (0/1), NLL, entropy of view v of image i
                    for (int v = 0; v < m; v++) {
                        for (int i = 0; i < n; i++) {
                            Bilinear.cropResize(b.images(), i * pixels, c, h, w, boxes[i][v], views, i * pixels, h, w);
                        }
                        float[] logits = logits(views, n, b, k);
                        for (int i = 0; i < n; i++) {
                            perView[0][i * m + v] = argmax(logits, i * k, k) == b.labels()[i] ? 1 : 0;
                            perView[1][i * m + v] = Predictive.nll(logits, i * k, k, b.labels()[i]);
                            perView[2][i * m + v] = Predictive.entropy(logits, i * k, k);
                        }
                    }
                    // added image by image, in dataset order: the means do not depend on the batch size
                    for (int q = 0; q < n * m; q++) {
                        correct[s].add(perView[0][q]);
                        nll[s].add(perView[1][q]);
                        entropy[s].add(perView[2][q]);
                    }
                }
            }

            @Override
            public List<Row> rows() {
                List<Row> rows = new ArrayList<>();
                for (int s = 0; s < scales.length; s++) {
                    int cropSide = scales[s] == 1.0 ? first.height() : CropAnalysis.side(first.height(), first.width(), scales[s]);
                    long images = correct[s].count() / ((long) tiles.size() * cropsAt(scales[s]));
                    Row row = new Row(d.label(), d.factor(), first.height(), scales[s], cropSide, images,
                            correct[s].count(), 100 * correct[s].mean(), nll[s].mean(), entropy[s].mean());
                    rows.add(row);
                    log.accept(String.format("tiles of %s (f = %d, %d px), crop scale %s: observer top-1 %.2f %%, NLL %.4f, "
                            + "entropy %.4f over %d views", d.label(), d.factor(), row.tileSide(), row.scale(), row.top1(),
                            row.nll(), row.entropy(), row.views()));
                }
                return rows;
            }
        };
    }

    /** A square of area fraction {@code scale} inside {@code tile} (the whole tile at scale 1, without a draw). */
    static CropBox box(CropBox tile, double scale, RandomGenerator rng) {
        return scale == 1.0 ? tile : CropAnalysis.box(tile, scale, rng);
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
                "The observer's top-1, NLL and entropy on every tile of each stored image, or on random square crops of that "
                        + "area fraction inside each tile, resized bilinearly to full size: what patch extraction shows a "
                        + "student, and what an online teacher labels. Factor 1 is the whole image; compare composites with "
                        + "the selection they were built from, read whole.");
    }
}
