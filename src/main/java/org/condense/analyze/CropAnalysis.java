package org.condense.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.condense.UserException;
import org.condense.augment.Bilinear;
import org.condense.augment.CropBox;
import org.condense.augment.RandomResizedCrop;
import org.condense.data.Normalization;
import org.condense.random.Seeds;
import org.condense.train.Batch;

/**
 * How the observer's NLL (cross-entropy with the true label) and predictive entropy change when
 * it sees a random crop instead of the whole image, per dataset and crop scale r.
 *
 * <p>A crop is {@link RandomResizedCrop} with scale fixed at r and aspect ratio 1: a square of
 * side rint(√(r·H·W)) (so the area fraction is r up to rounding to whole pixels) at a uniform
 * position, bilinearly resized back to H×W. Scale 1 is therefore the whole image, and its deltas
 * are exactly 0. The deltas (crop − full) are averaged over images and crops.
 *
 * <p>Crop j of image i at scale r is drawn from a generator keyed by (seed, r, dataset index of
 * i): the result does not depend on the batch size, on which other scales are asked for, or on
 * the order of the datasets, and the same image gets the same crops in every dataset holding it.
 */
public final class CropAnalysis extends ObserverAnalysis<CropAnalysis.Row> {
    public static final String NAME = "crops";
    public static final String TITLE = "NLL and entropy change under random crops";
    public static final List<String> COLUMNS = List.of("dataset", "crop scale", "crop side (px)", "images", "crops per image",
            "NLL full", "ΔNLL (crop − full)", "entropy full (nats)", "Δentropy (crop − full)");

    /** One (dataset, scale) result: means over images (full) and over images × crops (deltas). */
    public record Row(String dataset, double scale, int side, long images, int crops, double nllFull, double deltaNll,
            double entropyFull, double deltaEntropy) {
        List<Object> cells() {
            return List.of(dataset, scale, side, images, crops, AnalysisTable.round(nllFull, 4),
                    AnalysisTable.round(deltaNll, 4), AnalysisTable.round(entropyFull, 4), AnalysisTable.round(deltaEntropy, 4));
        }
    }

    private final double[] scales;
    private final int crops;
    private final long seed;

    public CropAnalysis(Observer observer, Normalization normalization, double[] scales, int crops, long seed, int batchSize,
            int maxImages, Consumer<String> log) {
        super(NAME, observer, normalization, batchSize, maxImages, log);
        check(scales, crops);
        this.scales = scales.clone();
        this.crops = crops;
        this.seed = seed;
    }

    /** The crop settings of {@code crops} and {@code tiles}: the scales, and at least one crop per scale. */
    public static void check(double[] scales, int crops) {
        checkScales(scales);
        if (crops < 1) {
            throw new UserException("--crops must be at least 1, got " + crops);
        }
    }

    /** Every scale must be an area fraction in (0, 1]. */
    public static void checkScales(double[] scales) {
        if (scales.length == 0) {
            throw new UserException("--scales needs at least one crop scale in (0, 1], e.g. 0.08,0.25,0.5,1.0");
        }
        for (double r : scales) {
            if (!(r > 0 && r <= 1)) {
                throw new UserException("crop scale " + r + " is not an area fraction in (0, 1]; use e.g. --scales 0.08,0.25,0.5,1.0");
            }
        }
    }

    /** The square box of area fraction {@code scale} for an {@code h×w} image, at a position drawn from {@code rng}. */
    public static CropBox box(int h, int w, double scale, RandomGenerator rng) {
        return box(CropBox.whole(h, w), scale, rng);
    }

    /** The square box of area fraction {@code scale} of {@code region}, inside it, at a position drawn from {@code rng}. */
    public static CropBox box(CropBox region, double scale, RandomGenerator rng) {
        return new RandomResizedCrop(scale, scale, 1, 1, 1)
                .sample(region.top(), region.left(), region.height(), region.width(), rng);
    }

    /** Side of the crops at {@code scale} in an {@code h×w} image (RandomResizedCrop's rounding). */
    public static int side(int h, int w, double scale) {
        return (int) Math.rint(Math.sqrt((double) h * w * scale));
    }

    /** The generator of image {@code index}'s crops at {@code scale}. */
    static RandomGenerator generator(long seed, double scale, int index) {
        return Seeds.forSample(seed, (int) Math.round(scale * 1_000_000), index);
    }

    @Override
    Pass<Row> start(AnalysisData d) {
        int k = d.images().numClasses();
        int c = d.images().channels();
        int h = d.images().height();
        int w = d.images().width();
        int pixels = c * h * w;
        RunningStats nllFull = new RunningStats();
        RunningStats entropyFull = new RunningStats();
        RunningStats[] dNll = RunningStats.array(scales.length);
        RunningStats[] dEntropy = RunningStats.array(scales.length);
        return new Pass<>() {
            @Override
            public void add(Batch b) {
                int n = b.size();
                float[] full = logits(b.images(), n, b, k);
                double[] nll0 = new double[n];
                double[] h0 = new double[n];
                for (int i = 0; i < n; i++) {
                    nll0[i] = Predictive.nll(full, i * k, k, b.labels()[i]);
                    h0[i] = Predictive.entropy(full, i * k, k);
                    nllFull.add(nll0[i]);
                    entropyFull.add(h0[i]);
                }
                float[] cropped = new float[n * pixels];
                for (int s = 0; s < scales.length; s++) {
                    CropBox[][] boxes = new CropBox[n][crops];
                    for (int i = 0; i < n; i++) {
                        RandomGenerator rng = generator(seed, scales[s], b.indices()[i]);
                        for (int j = 0; j < crops; j++) {
                            boxes[i][j] = box(h, w, scales[s], rng);
                        }
                    }
                    double[] sumNll = new double[n];
                    double[] sumEntropy = new double[n];
                    for (int j = 0; j < crops; j++) {
                        for (int i = 0; i < n; i++) {
                            Bilinear.cropResize(b.images(), i * pixels, c, h, w, boxes[i][j], cropped, i * pixels, h, w);
                        }
                        float[] logits = logits(cropped, n, b, k);
                        for (int i = 0; i < n; i++) {
                            sumNll[i] += Predictive.nll(logits, i * k, k, b.labels()[i]) - nll0[i];
                            sumEntropy[i] += Predictive.entropy(logits, i * k, k) - h0[i];
                        }
                    }
                    // one value per image, in dataset order: the sums do not depend on the batch size
                    for (int i = 0; i < n; i++) {
                        dNll[s].add(sumNll[i] / crops);
                        dEntropy[s].add(sumEntropy[i] / crops);
                    }
                }
            }

            @Override
            public List<Row> rows() {
                List<Row> rows = new ArrayList<>();
                for (int s = 0; s < scales.length; s++) {
                    Row row = new Row(d.label(), scales[s], side(h, w, scales[s]), nllFull.count(), crops, nllFull.mean(),
                            dNll[s].mean(), entropyFull.mean(), dEntropy[s].mean());
                    rows.add(row);
                    log.accept(String.format("crops of %s at scale %s: ΔNLL %+.4f, Δentropy %+.4f", d.label(), scales[s],
                            row.deltaNll(), row.deltaEntropy()));
                }
                return rows;
            }
        };
    }

    public static AnalysisTable table(List<Row> rows, String command, String observer) {
        return new AnalysisTable(NAME, TITLE, command, observer, COLUMNS, rows.stream().map(Row::cells).toList(),
                "Mean change of the observer's NLL and entropy (nats) when it sees a random square crop of that area "
                        + "fraction, resized back to full size, instead of the whole image; larger positive deltas mean "
                        + "the images' evidence is less local and crops lose more of it.");
    }
}
