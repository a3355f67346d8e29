package org.condense.distill;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.condense.UserException;
import org.condense.Version;
import org.condense.augment.CropBox;
import org.condense.augment.RandomResizedCrop;
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
import org.condense.model.BatchNormTap;
import org.condense.model.Networks;
import org.condense.model.ScalarOps;
import org.condense.random.Seeds;
import org.condense.train.Losses;
import org.condense.train.Teacher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.condense.model.Devices;

/**
 * SRe2L's "recover" step, shared by {@link Sre2lDistillation} and {@link CdaDistillation}: pixels
 * optimised so that the teacher (inference mode, BN running statistics) classifies them and the
 * batch statistics of every BN layer's input match the layer's running ones.
 *
 * <p>Per step, as the reference code: lr = lr₀·½(1+cos(π·t/T)); one RandomResizedCrop box
 * (scale [s_min, 1], s_min from the method's {@link ScaleSchedule}, ratio 3/4–4/3) and one horizontal flip (p = ½) for the whole
 * batch; loss = CE(teacher(crop), class) + r_bn·Σ_BN(‖μ − μ_run‖₂ + ‖σ² − σ²_run‖₂), first BN ×
 * {@code first_bn_multiplier}; Adam(β 0.5, 0.9, ε 1e-8) on the pixels; then the pixels are
 * clipped to the image range [−m/s, (1−m)/s] per channel. A batch holds one image of each class
 * (of up to {@code classes_per_batch} classes) for one IPC index. Images start from N(0, 1)
 * noise in normalised space ({@code init=noise}) or from real images ({@code init=real}: the
 * class's images of a uniform draw from {@code --seed}, the i-th for IPC index i), and are stored
 * denormalised, ×255, clamped to [0, 255] and rounded.
 *
 * <p>Randomness comes from {@code --seed} only (noise, crops and flips are drawn in Java from a
 * generator keyed by the seed and the batch), and each finished batch is saved in the work
 * folder: a rerun continues after the last finished batch with bit-identical results.
 *
 * <p>Subclasses change the recipe through hooks whose defaults are SRe2L's: the batch layout
 * ({@link #layout}: across classes per IPC index, or within a class for LPLD), the default init, the
 * per-step augmentation (an optional circular shift after the crop), the statistics term
 * ({@link StatisticsTarget}: LPLD's class-aware statistics, DWA's re-weighted variance) and a
 * per-batch {@link TeacherAdjustment} (DWA), which a resumed or retried batch replays from the
 * earlier batches of its group so that its images stay bit-identical.
 */
abstract class PixelDistillation implements CompressionMethod {
    private static final Logger LOG = LoggerFactory.getLogger(PixelDistillation.class);

    static final double SCALE_MIN = 0.08;
    static final double RATIO_MIN = 3.0 / 4.0;
    static final double RATIO_MAX = 4.0 / 3.0;
    /**
     * Tries per batch. A batch is a pure function of its seed, yet libtorch 2.7.1's CPU kernels once returned
     * NaN mid-batch (one of about 150 CIFAR-10 batches synthesised so far, at IPC 50) and the
     * replay ran clean: a non-finite loss replays the batch, and only a batch that diverges every
     * time is an error (its learning rate is too high).
     */
    static final int ATTEMPTS = 3;

    /** A step's loss was not finite. */
    static final class Diverged extends RuntimeException {
        Diverged(String message) {
            super(message);
        }
    }

    /** Sees the optimisation as it runs (tests follow the loss and interrupt runs here). */
    public interface Listener {
        /**
         * After each step: the batch, the iteration (0-based) and the two loss terms (before
         * weighting). Throwing {@link Diverged} here acts as a non-finite loss (tests).
         */
        default void iteration(int batch, int iteration, double crossEntropy, double bnStatistics) {}

        /** After batch {@code batch} is saved in the work folder. */
        default void batchSaved(int batch) {}
    }

    private final Listener listener;

    PixelDistillation(Listener listener) {
        this.listener = listener == null ? new Listener() { } : listener;
    }

    /** Options beyond the shared ones. */
    abstract List<MethodOption> extraOptions();

    @Override
    public MethodNeeds needs() {
        return MethodNeeds.teacher(true);
    }

    @Override
    public List<MethodOption> options() {
        List<MethodOption> all = new ArrayList<>(List.of(
                MethodOption.of("iterations", "optimisation steps per batch (default 1000)"),
                MethodOption.of("lr", "Adam learning rate on the pixels (default 0.25)"),
                MethodOption.of("r_bn", "weight of the batch-norm statistics loss (default 0.01)"),
                MethodOption.of("first_bn_multiplier", "extra weight of the first BN layer (default 10)"),
                MethodOption.of("init", "noise or real: start from N(0,1) noise or from real images (default "
                        + defaultInit() + ")")));
        all.addAll(layoutOptions());
        all.addAll(extraOptions());
        return all;
    }

    /** Lower bound of the crop scale at {@code iteration} of {@code iterations}. */
    interface ScaleSchedule {
        double minScale(int iteration, int iterations);
    }

    /** Reads the method's own options (before any work), records them, and returns its crop-scale schedule. */
    abstract ScaleSchedule configure(MethodOptions options, Map<String, Object> parameters);

    // ---- hooks: what LPLD and DWA change; the defaults are SRe2L's ----

    /** The {@code init} used when the option is not given. */
    String defaultInit() {
        return "noise";
    }

    /** Options read by {@link #layout}. */
    List<MethodOption> layoutOptions() {
        return List.of(MethodOption.of("classes_per_batch", "classes synthesised together (default all, at most 100)"));
    }

    /** Reads the layout's options, records them, and returns the batches in the order they run. */
    List<SynthesisBatch> layout(MethodOptions options, int classes, int ipc, Map<String, Object> parameters) {
        int perBatch = options.integer("classes_per_batch", Math.min(classes, 100), 1, classes);
        parameters.put("classes_per_batch", perBatch);
        return SynthesisBatch.acrossClasses(classes, ipc, perBatch);
    }

    /** The per-step augmentation of the whole batch: a RandomResizedCrop + flip, then a circular shift. */
    record Augmentation(boolean crop, int jitter) {}

    /** Reads the augmentation's options and records them (SRe2L: crop and flip, no shift). */
    Augmentation augmentation(MethodOptions options, int side, Map<String, Object> parameters) {
        parameters.put("crop", "RandomResizedCrop(scale [min, 1], ratio 3/4–4/3, bilinear) + flip p=0.5, one per batch");
        return new Augmentation(true, 0);
    }

    /** What a batch's BN statistics are pulled towards. */
    interface StatisticsTarget {
        /** Once the teacher is loaded, before the first batch. */
        default void open(Teacher teacher, NDManager manager) {}

        /** The statistics term (before r_bn) of a batch whose layer inputs are {@code taps}. */
        NDArray loss(List<BatchNormTap.Input> taps, SynthesisBatch batch, NDManager manager);
    }

    /** Reads the statistics term's options and records them (SRe2L: the teacher's running statistics). */
    StatisticsTarget statisticsTarget(MethodOptions options, ImageDataset data, DistillTeacher teacher,
            double firstBn, Map<String, Object> parameters) {
        return (taps, batch, manager) -> BnStatisticsLoss.of(taps, firstBn);
    }

    /** Reads the teacher adjustment's options and records them; null: the teacher stays as loaded (SRe2L). */
    TeacherAdjustment teacherAdjustment(MethodOptions options, int side, Map<String, Object> parameters) {
        return null;
    }

    /** A step's view of the batch: crop box, flip and circular shift. */
    private record View(CropBox box, boolean flip, int shiftH, int shiftW) {}

    /** What stays fixed over a run. */
    private record Run(ImageDataset ds, NDManager manager, ParameterStore ps, Teacher teacher, Normalization norm,
            int iterations, double lr0, double rBn, ScaleSchedule schedule, Augmentation augmentation,
            StatisticsTarget target, TeacherAdjustment adjustment, int[][] realInit, long seed) {}

    @Override
    public CompressionResult compress(CompressionRequest request) {
        MethodOptions options = MethodOptions.of(request, this);
        ImageDataset ds = request.source();
        int ipc = request.positiveIpc();
        int iterations = options.integer("iterations", 1000, 1, 1_000_000);
        double lr = options.number("lr", 0.25, 0, 100);
        double rBn = options.number("r_bn", 0.01, 0, 1e6);
        double firstBn = options.number("first_bn_multiplier", 10, 0, 1e6);
        String init = options.text("init", defaultInit());
        if (!init.equals("noise") && !init.equals("real")) {
            throw new UserException("option init of method " + name() + " must be noise or real, got '" + init + "'");
        }
        int classes = ds.numClasses();
        Map<String, Object> parameters = new LinkedHashMap<>();
        ScaleSchedule schedule = configure(options, parameters);
        DistillTeacher teacherInfo = DistillTeacher.of(options, this, ds);
        int[][] realInit = null;
        if (init.equals("real")) {
            List<List<Integer>> byClass = ClassIndex.of(ds);
            ClassIndex.requireAtLeast(ds, byClass, ipc, name() + " init=real IPC " + ipc);
            realInit = new int[classes][];
            for (int c = 0; c < classes; c++) {
                realInit[c] = RandomSelection.select(byClass.get(c), ipc, request.seed(), c).stream()
                        .mapToInt(Integer::intValue).toArray();
            }
        }
        parameters.put("iterations", iterations);
        parameters.put("lr", lr);
        parameters.put("schedule", "cosine per iteration: lr·½(1+cos(π·t/T))");
        parameters.put("optimizer", "Adam(β 0.5, 0.9, ε 1e-8)");
        parameters.put("r_bn", rBn);
        parameters.put("first_bn_multiplier", firstBn);
        parameters.put("init", init);
        List<SynthesisBatch> plan = layout(options, classes, ipc, parameters);
        Augmentation augmentation = augmentation(options, ds.height(), parameters);
        parameters.put("clip", "per step, to the image range in normalised space");
        parameters.put("output", "denormalised, ×255, clamped to [0, 255], rounded");
        teacherInfo.record(parameters);
        StatisticsTarget target = statisticsTarget(options, ds, teacherInfo, firstBn, parameters);
        TeacherAdjustment adjustment = teacherAdjustment(options, ds.height(), parameters);

        int batches = plan.size();
        int[] sizes = plan.stream().mapToInt(SynthesisBatch::size).toArray();
        BatchStore store = new BatchStore(request.workDir(), BatchStore.keyOf(name(), new TreeMap<>(parameters),
                ds.name(), ds.size(), ds.classNames(), ipc, request.seed(), Version.get()));
        int done = 0;
        for (int b = 0; b < batches; b++) {
            done += store.has(b) ? 1 : 0;
        }
        if (done > 0) {
            LOG.info("{}: {} of {} batches already done in {}, continuing", name(), done, batches, request.workDir());
        }
        if (done < batches) {
            try (NDManager manager = Devices.newManager()) {
                Teacher teacher = teacherInfo.load(manager);
                if (!Networks.hasBatchNorm(teacher.block())) {
                    throw new UserException("teacher in " + teacherInfo.dir() + " has no batch-norm layer; method "
                            + name() + " needs one");
                }
                ParameterStore ps = new ParameterStore(manager, false);
                target.open(teacher, manager);
                if (adjustment != null) {
                    adjustment.open(teacher, manager);
                }
                Run run = new Run(ds, manager, ps, teacher, teacherInfo.normalization(), iterations, lr, rBn, schedule,
                        augmentation, target, adjustment, realInit, request.seed());
                long started = System.nanoTime();
                int ran = 0;
                // the last batch whose adjustment the teacher's weights hold; NONE: as loaded, DIRTY: unknown
                int adjustedThrough = NONE;
                for (int b = 0; b < batches; b++) {
                    if (store.has(b)) {
                        continue;
                    }
                    SynthesisBatch batch = plan.get(b);
                    String what = String.format("%s batch %d/%d (%s)", name(), b + 1, batches, batch.description());
                    byte[][] images = null;
                    for (int attempt = 1; images == null; attempt++) {
                        if (adjustment != null) {
                            adjustedThrough = prepareTeacher(run, plan, b, adjustedThrough);
                            adjustedThrough = DIRTY; // until the batch is done
                        }
                        try {
                            // a fresh generator per attempt: a retry replays the batch from its seed
                            images = synthesise(run, batch, Seeds.forSynthesis(request.seed(), b), what, b);
                        } catch (Diverged e) {
                            if (attempt == ATTEMPTS) {
                                throw new UserException(e.getMessage() + " in each of " + ATTEMPTS
                                        + " attempts; lower --option lr");
                            }
                            LOG.warn("{}; the batch is replayed from its seed (attempt {} of {}): libtorch's CPU kernels "
                                    + "have given transient non-finite values before", e.getMessage(), attempt + 1, ATTEMPTS);
                        }
                    }
                    if (adjustment != null) {
                        adjustedThrough = b;
                        if (b + 1 == batches || plan.get(b + 1).group() != batch.group()) {
                            adjustment.restore(); // the next group starts from the teacher as loaded
                            adjustedThrough = NONE;
                        }
                    }
                    List<CompressedImage> out = new ArrayList<>();
                    for (int j = 0; j < batch.size(); j++) {
                        int source = source(run, batch, j);
                        out.add(new CompressedImage(batch.labels()[j], images[j],
                                source < 0 ? new int[0] : new int[] {source}));
                    }
                    store.save(b, out);
                    ran++;
                    double perRun = (System.nanoTime() - started) / 1e9 / ran;
                    long left = 0;
                    for (int r = b + 1; r < batches; r++) {
                        left += store.has(r) ? 0 : 1;
                    }
                    LOG.info("{} done ({} s per batch, about {} s left)", what, String.format("%.1f", perRun),
                            Math.round(perRun * left));
                    listener.batchSaved(b);
                }
            }
        }
        return new CompressionResult(store.images(sizes), parameters, 1, store.resumedSeconds());
    }

    private static final int NONE = -1;
    private static final int DIRTY = -2;

    /**
     * Brings the teacher to the state batch {@code b} starts from: the loaded weights plus the
     * adjustments of the earlier batches of its group, in order. In an uninterrupted run that is
     * what it already holds; after a resume or a retry, the earlier adjustments are replayed (each
     * is a function of its batch's seed and initial images only).
     */
    private int prepareTeacher(Run run, List<SynthesisBatch> plan, int b, int adjustedThrough) {
        int first = b;
        while (first > 0 && plan.get(first - 1).group() == plan.get(b).group()) {
            first--;
        }
        if (first == b ? adjustedThrough == NONE : adjustedThrough == b - 1) {
            return adjustedThrough;
        }
        run.adjustment().restore();
        for (int r = first; r < b; r++) {
            LOG.info("{}: replaying the teacher adjustment of batch {}", name(), r + 1);
            RandomGenerator rng = Seeds.forSynthesis(run.seed(), r);
            float[] init = initial(run, plan.get(r), rng);
            View view = view(run, 0, rng);
            try (NDManager batch = run.manager().newSubManager()) {
                adjust(run, plan.get(r), init, view, batch);
            }
        }
        return first == b ? NONE : b - 1;
    }

    /** The dataset index a slot starts from, or −1 for noise. */
    private static int source(Run run, SynthesisBatch batch, int j) {
        return run.realInit() == null ? -1 : run.realInit()[batch.labels()[j]][batch.ipcIndices()[j]];
    }

    /** The batch's initial images in normalised space: N(0, 1) noise from {@code rng}, or real images. */
    private static float[] initial(Run run, SynthesisBatch batch, RandomGenerator rng) {
        ImageDataset ds = run.ds();
        int imageFloats = ds.channels() * ds.height() * ds.width();
        float[] init = new float[batch.size() * imageFloats];
        byte[] real = new byte[ds.imageBytes()];
        float[] normalised = new float[imageFloats];
        for (int j = 0; j < batch.size(); j++) {
            int source = source(run, batch, j);
            if (source < 0) {
                for (int i = 0; i < imageFloats; i++) {
                    init[j * imageFloats + i] = (float) rng.nextGaussian();
                }
            } else {
                ds.readImage(source, real);
                run.norm().apply(real, normalised);
                System.arraycopy(normalised, 0, init, j * imageFloats, imageFloats);
            }
        }
        return init;
    }

    /** Draws step {@code t}'s view: crop box and flip (if the method crops), then the shift (if it jitters). */
    private static View view(Run run, int t, RandomGenerator rng) {
        int side = run.ds().height();
        CropBox box = CropBox.whole(side, side);
        boolean flip = false;
        if (run.augmentation().crop()) {
            box = new RandomResizedCrop(run.schedule().minScale(t, run.iterations()), 1.0, RATIO_MIN, RATIO_MAX, side)
                    .sample(side, side, rng);
            flip = rng.nextDouble() < 0.5;
        }
        int jitter = run.augmentation().jitter();
        if (jitter == 0) {
            return new View(box, flip, 0, 0);
        }
        int shiftH = rng.nextInt(jitter + 1);
        int shiftW = rng.nextInt(jitter + 1);
        return new View(box, flip, shiftH, shiftW);
    }

    private static NDArray apply(Run run, NDArray x, View view, NDManager manager) {
        int side = run.ds().height();
        return DifferentiableCrop.apply(x, view.box(), view.flip(), view.shiftH(), view.shiftW(), side, side, manager);
    }

    private static NDArray oneHot(Run run, SynthesisBatch batch, NDManager manager) {
        int k = run.ds().numClasses();
        float[] oneHot = new float[batch.size() * k];
        for (int j = 0; j < batch.size(); j++) {
            oneHot[j * k + batch.labels()[j]] = 1f;
        }
        return manager.create(oneHot, new Shape(batch.size(), k));
    }

    /** The teacher adjustment of a batch, on its initial images seen through its first view. */
    private static void adjust(Run run, SynthesisBatch batch, float[] init, View first, NDManager manager) {
        ImageDataset ds = run.ds();
        try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
            NDArray x = step.create(init, new Shape(batch.size(), ds.channels(), ds.height(), ds.width()));
            run.adjustment().adjust(run.teacher(), run.ps(), apply(run, x, first, step), oneHot(run, batch, step), step);
        }
    }

    /** Optimises one batch; returns its images as CHW bytes. */
    private byte[][] synthesise(Run run, SynthesisBatch batch, RandomGenerator rng, String what, int batchIndex) {
        ImageDataset ds = run.ds();
        int n = batch.size();
        int c = ds.channels();
        int side = ds.height();
        int plane = side * side;
        Normalization norm = run.norm();
        float[] init = initial(run, batch, rng);
        Shape shape = new Shape(n, c, side, side);
        int iterations = run.iterations();
        double rBn = run.rBn();
        try (NDManager manager = run.manager().newSubManager()) {
            View first = view(run, 0, rng);
            if (run.adjustment() != null) {
                adjust(run, batch, init, first, manager);
            }
            NDArray x = manager.create(init, shape);
            x.setRequiresGradient(true);
            PixelAdam adam = new PixelAdam(manager, shape, norm);
            NDArray targets = oneHot(run, batch, manager);
            int logEvery = Math.max(1, Math.min(100, iterations / 10));
            for (int t = 0; t < iterations; t++) {
                double lr = PixelAdam.cosineLr(run.lr0(), t, iterations);
                View view = t == 0 ? first : view(run, t, rng);
                // each step in its own sub-manager and scope: DJL attaches results of ops on batch-level
                // arrays to the batch's manager, which would otherwise grow every step
                try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
                    float ce;
                    float bn;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray crop = apply(run, x, view, step);
                        List<BatchNormTap.Input> taps = new ArrayList<>();
                        NDArray logits = BatchNormTap.forward(run.teacher().block(), run.ps(), crop, false, taps);
                        NDArray ceLoss = Losses.softTargetCrossEntropy(logits, targets);
                        NDArray bnLoss = run.target().loss(taps, batch, step);
                        NDArray loss = ceLoss.add(ScalarOps.mul(bnLoss, rBn));
                        collector.backward(loss);
                        ce = ceLoss.getFloat();
                        bn = bnLoss.getFloat();
                    }
                    if (!Float.isFinite(ce) || !Float.isFinite(bn)) {
                        throw new Diverged(what + " diverged at iteration " + (t + 1) + " (ce " + ce + ", bn " + bn + ")");
                    }
                    listener.iteration(batchIndex, t, ce, bn);
                    x = adam.step(x, t, lr, step, manager);
                    if ((t + 1) % logEvery == 0 || t == 0 || t + 1 == iterations) {
                        LOG.info("{} iteration {}/{}: loss {} (ce {}, bn {}), lr {}", what, t + 1, iterations,
                                String.format("%.4f", ce + rBn * bn), String.format("%.4f", ce),
                                String.format("%.4f", bn), String.format("%.4f", lr));
                    }
                }
            }
            return toBytes(x.toFloatArray(), n, c, plane, norm);
        }
    }

    /** Denormalises, scales to [0, 255], clamps and rounds: the stored bytes. */
    static byte[][] toBytes(float[] x, int n, int c, int plane, Normalization norm) {
        byte[][] out = new byte[n][c * plane];
        for (int j = 0; j < n; j++) {
            for (int ch = 0; ch < c; ch++) {
                float mean = norm.mean()[ch];
                float std = norm.std()[ch];
                int base = (j * c + ch) * plane;
                for (int i = 0; i < plane; i++) {
                    float v = (x[base + i] * std + mean) * 255f;
                    int b = Math.round(Math.min(255f, Math.max(0f, v)));
                    out[j][ch * plane + i] = (byte) b;
                }
            }
        }
        return out;
    }
}
