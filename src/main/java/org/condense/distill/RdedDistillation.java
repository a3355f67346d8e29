package org.condense.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;
import org.condense.UserException;
import org.condense.Version;
import org.condense.augment.Bilinear;
import org.condense.augment.CropBox;
import org.condense.augment.RandomResizedCrop;
import org.condense.combine.Composites;
import org.condense.compress.ClassIndex;
import org.condense.compress.CompressedImage;
import org.condense.compress.CompressionMethod;
import org.condense.compress.CompressionRequest;
import org.condense.compress.CompressionResult;
import org.condense.compress.MethodNeeds;
import org.condense.compress.MethodOption;
import org.condense.compress.MethodOptions;
import org.condense.compress.RandomSelection;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.random.Seeds;
import org.condense.train.Teacher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.condense.model.Devices;

/**
 * RDED (Sun et al., "On the Diversity and Realism of Distilled Dataset", CVPR 2024): per class,
 * {@code m} real images (a uniform draw from {@code --seed}); from each, {@code crops} random
 * crops — RandomResizedCrop to side ⌊R/f⌋, scale 0.08–1, ratio 1, as the authors'
 * {@code MultiRandomCrop} — each scored by the teacher's cross-entropy on the crop resized
 * (bilinear) back to R; each image keeps its lowest-CE crop, the class keeps its IPC·f² lowest,
 * and these are combined f×f ({@link Composites}): composite k of n takes ranks k, n+k, 2n+k, …
 * (the authors' {@code mix_images}), each crop area-resized into its tile (a copy when f divides R).
 * The manifest records the factor, so patch augmentations read the tiles. Options:
 * {@code m} (300), {@code factor} (2), {@code crops} (5). Each finished class is saved in the
 * work folder: a rerun continues.
 */
public final class RdedDistillation implements CompressionMethod {
    private static final Logger LOG = LoggerFactory.getLogger(RdedDistillation.class);
    static final int SCORE_BATCH = 100;

    private final IntConsumer afterClass;

    public RdedDistillation() {
        this(null);
    }

    /** @param afterClass called after each saved class (tests use it to interrupt a run) */
    public RdedDistillation(IntConsumer afterClass) {
        this.afterClass = afterClass == null ? c -> { } : afterClass;
    }

    /** Cross-entropy of each crop (side {@code cropSide}, CHW bytes) for class {@code label}. */
    interface CropScorer {
        double[] crossEntropy(List<byte[]> crops, int cropSide, int label);
    }

    @Override
    public String name() {
        return "rded";
    }

    @Override
    public String description() {
        return "RDED: each real image's most teacher-confident crop, the best combined f×f";
    }

    @Override
    public MethodNeeds needs() {
        return MethodNeeds.teacher(false);
    }

    @Override
    public List<MethodOption> options() {
        return List.of(MethodOption.of("m", "real images scored per class (default 300)"),
                MethodOption.of("factor", "combine factor f (default 2)"),
                MethodOption.of("crops", "random crops scored per image (default 5)"));
    }

    @Override
    public CompressionResult compress(CompressionRequest request) {
        MethodOptions options = MethodOptions.of(request, this);
        ImageDataset ds = request.source();
        int ipc = request.positiveIpc();
        int side = ds.height();
        int factor = options.integer("factor", 2, 1, side);
        int m = options.integer("m", 300, 1, Integer.MAX_VALUE);
        int crops = options.integer("crops", 5, 1, 1000);
        long perClass = (long) ipc * factor * factor;
        if (perClass > m) {
            throw new UserException("rded keeps IPC·f² = " + ipc + "·" + factor + "² = " + perClass
                    + " crops per class but scores only m = " + m + " images per class; raise --option m or lower --ipc "
                    + "or --option factor");
        }
        List<List<Integer>> byClass = ClassIndex.of(ds);
        for (int c = 0; c < byClass.size(); c++) {
            if (byClass.get(c).size() < m) {
                throw new UserException("rded scores m = " + m + " images per class but class '"
                        + ds.classNames().get(c) + "' has only " + byClass.get(c).size() + "; choose a smaller --option m");
            }
        }
        DistillTeacher teacherInfo = DistillTeacher.of(options, this, ds);
        int cropSide = side / factor;
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("m", m);
        parameters.put("factor", factor);
        parameters.put("crops", crops);
        parameters.put("crop", "RandomResizedCrop to " + cropSide + " px, scale 0.08-1, ratio 1, bilinear");
        parameters.put("score", "teacher cross-entropy of the crop resized (bilinear) to " + side + " px");
        parameters.put("selected_per_class", perClass);
        parameters.put("arrangement", "lowest CE first; composite k of n takes ranks k, n+k, 2n+k, ... (row-major tiles)");
        parameters.put("tile_resize", "area (adaptive average) from the crop, rounded to bytes");
        parameters.put("image_draw_seed", request.seed());
        teacherInfo.record(parameters);
        BatchStore store = new BatchStore(request.workDir(), BatchStore.keyOf(name(), new TreeMap<>(parameters),
                ds.name(), ds.size(), ds.classNames(), ipc, request.seed(), Version.get()));
        int classes = ds.numClasses();
        int[] sizes = new int[classes];
        Arrays.fill(sizes, ipc);
        boolean pending = false;
        for (int c = 0; c < classes && !pending; c++) {
            pending = !store.has(c);
        }
        if (pending) {
            try (NDManager manager = Devices.newManager()) {
                Teacher teacher = teacherInfo.load(manager);
                CropScorer scorer = teacherScorer(teacher, manager, teacherInfo.normalization(), ds.channels(), side);
                long started = System.nanoTime();
                int ran = 0;
                for (int c = 0; c < classes; c++) {
                    if (store.has(c)) {
                        continue;
                    }
                    List<Integer> chosen = RandomSelection.select(byClass.get(c), m, request.seed(), c);
                    store.save(c, distilClass(ds, c, chosen, ipc, factor, crops, request.seed(), scorer));
                    ran++;
                    LOG.info("rded class {}/{} ({}): {} images × {} crops scored, {} composites ({} s per class)",
                            c + 1, classes, ds.classNames().get(c), m, crops, ipc,
                            String.format("%.1f", (System.nanoTime() - started) / 1e9 / ran));
                    afterClass.accept(c);
                }
            }
        }
        return new CompressionResult(store.images(sizes), parameters, factor, store.resumedSeconds());
    }

    /** One class: crop, score, keep each image's best crop, keep the best IPC·f², combine. */
    static List<CompressedImage> distilClass(ImageDataset ds, int label, List<Integer> chosen, int ipc, int factor,
            int crops, long seed, CropScorer scorer) {
        int side = ds.height();
        int c = ds.channels();
        int cropSide = side / factor;
        RandomResizedCrop cropper = new RandomResizedCrop(0.08, 1.0, 1.0, 1.0, cropSide);
        byte[] image = new byte[ds.imageBytes()];
        float[] pixels = new float[ds.imageBytes()];
        float[] crop = new float[c * cropSide * cropSide];
        List<byte[]> all = new ArrayList<>(chosen.size() * crops);
        for (int pos = 0; pos < chosen.size(); pos++) {
            ds.readImage(chosen.get(pos), image);
            for (int i = 0; i < image.length; i++) {
                pixels[i] = image[i] & 0xff;
            }
            RandomGenerator rng = Seeds.forCrops(seed, label, pos);
            for (int k = 0; k < crops; k++) {
                CropBox box = cropper.sample(side, side, rng);
                Bilinear.cropResize(pixels, 0, c, side, side, box, crop, 0, cropSide, cropSide);
                byte[] bytes = new byte[crop.length];
                for (int i = 0; i < crop.length; i++) {
                    bytes[i] = (byte) Math.round(Math.min(255f, Math.max(0f, crop[i])));
                }
                all.add(bytes);
            }
        }
        double[] ce = scorer.crossEntropy(all, cropSide, label);
        // each image's lowest-CE crop (the first on ties)
        int n = chosen.size();
        int[] best = new int[n];
        for (int pos = 0; pos < n; pos++) {
            int b = pos * crops;
            for (int k = 1; k < crops; k++) {
                if (ce[pos * crops + k] < ce[b]) {
                    b = pos * crops + k;
                }
            }
            best[pos] = b;
        }
        // the class's lowest-CE images (ties: dataset order), lowest first
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> ce[best[i]]).thenComparingInt(i -> i));
        int keep = ipc * factor * factor;
        int[] ranked = new int[keep];
        for (int r = 0; r < keep; r++) {
            ranked[r] = order[r];
        }
        List<CompressedImage> out = new ArrayList<>();
        for (int[] composite : Composites.arrange(ranked, ipc, factor)) {
            List<byte[]> tiles = new ArrayList<>();
            int[] sources = new int[composite.length];
            for (int t = 0; t < composite.length; t++) {
                tiles.add(all.get(best[composite[t]]));
                sources[t] = chosen.get(composite[t]);
            }
            out.add(new CompressedImage(label, Composites.combine(tiles, c, cropSide, side, factor), sources));
        }
        return out;
    }

    /** The teacher's cross-entropy on crops resized (bilinear) to the full side and normalised, in batches. */
    static CropScorer teacherScorer(Teacher teacher, NDManager manager, Normalization norm, int channels, int side) {
        return (crops, cropSide, label) -> {
            double[] ce = new double[crops.size()];
            int imageFloats = channels * side * side;
            int cropFloats = channels * cropSide * cropSide;
            float[] src = new float[cropFloats];
            for (int start = 0; start < crops.size(); start += SCORE_BATCH) {
                int n = Math.min(SCORE_BATCH, crops.size() - start);
                float[] batch = new float[n * imageFloats];
                for (int j = 0; j < n; j++) {
                    byte[] crop = crops.get(start + j);
                    for (int i = 0; i < cropFloats; i++) {
                        src[i] = crop[i] & 0xff;
                    }
                    int off = j * imageFloats;
                    Bilinear.resize(src, 0, channels, cropSide, cropSide, batch, off, side, side);
                    int plane = side * side;
                    for (int ch = 0; ch < channels; ch++) {
                        float mean = norm.mean()[ch];
                        float std = norm.std()[ch];
                        for (int i = off + ch * plane, end = i + plane; i < end; i++) {
                            batch[i] = (batch[i] / 255f - mean) / std;
                        }
                    }
                }
                // the scope frees results of ops whose receiver is a weight (DJL attaches those to the teacher's manager)
                try (NDManager step = manager.newSubManager(); ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                    NDArray x = step.create(batch, new Shape(n, channels, side, side));
                    NDArray logits = teacher.logits(x);
                    logits.attach(step);
                    float[] logProb = logits.logSoftmax(1).get(":, " + label).toFloatArray();
                    for (int j = 0; j < n; j++) {
                        ce[start + j] = -logProb[j];
                    }
                }
            }
            return ce;
        };
    }
}
