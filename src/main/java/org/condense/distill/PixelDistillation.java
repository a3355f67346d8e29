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
import org.condense.random.Seeds;
import org.condense.train.Losses;
import org.condense.train.Teacher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 */
abstract class PixelDistillation implements CompressionMethod {
    private static final Logger LOG = LoggerFactory.getLogger(PixelDistillation.class);

    static final double BETA1 = 0.5;
    static final double BETA2 = 0.9;
    static final double EPS = 1e-8;
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
                MethodOption.of("init", "noise or real: start from N(0,1) noise or from real images (default noise)"),
                MethodOption.of("classes_per_batch", "classes synthesised together (default all, at most 100)")));
        all.addAll(extraOptions());
        return all;
    }

    /** Lower bound of the crop scale at {@code iteration} of {@code iterations}. */
    interface ScaleSchedule {
        double minScale(int iteration, int iterations);
    }

    /** Reads the method's own options (before any work), records them, and returns its crop-scale schedule. */
    abstract ScaleSchedule configure(MethodOptions options, Map<String, Object> parameters);

    @Override
    public CompressionResult compress(CompressionRequest request) {
        MethodOptions options = MethodOptions.of(request, this);
        ImageDataset ds = request.source();
        int ipc = request.ipc();
        if (ipc < 1) {
            throw new UserException("--ipc must be positive, got " + ipc);
        }
        int iterations = options.integer("iterations", 1000, 1, 1_000_000);
        double lr = options.number("lr", 0.25, 0, 100);
        double rBn = options.number("r_bn", 0.01, 0, 1e6);
        double firstBn = options.number("first_bn_multiplier", 10, 0, 1e6);
        String init = options.text("init", "noise");
        if (!init.equals("noise") && !init.equals("real")) {
            throw new UserException("option init of method " + name() + " must be noise or real, got '" + init + "'");
        }
        int classes = ds.numClasses();
        int perBatch = options.integer("classes_per_batch", Math.min(classes, 100), 1, classes);
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
        parameters.put("classes_per_batch", perBatch);
        parameters.put("crop", "RandomResizedCrop(scale [min, 1], ratio 3/4–4/3, bilinear) + flip p=0.5, one per batch");
        parameters.put("clip", "per step, to the image range in normalised space");
        parameters.put("output", "denormalised, ×255, clamped to [0, 255], rounded");
        teacherInfo.record(parameters);

        int chunks = (classes + perBatch - 1) / perBatch;
        int batches = ipc * chunks;
        int[] sizes = new int[batches];
        for (int b = 0; b < batches; b++) {
            int k = b % chunks;
            sizes[b] = Math.min(classes, (k + 1) * perBatch) - k * perBatch;
        }
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
            try (NDManager manager = NDManager.newBaseManager()) {
                Teacher teacher = teacherInfo.load(manager);
                if (!Networks.hasBatchNorm(teacher.block())) {
                    throw new UserException("teacher in " + teacherInfo.dir() + " has no batch-norm layer; method "
                            + name() + " needs one");
                }
                ParameterStore ps = new ParameterStore(manager, false);
                long started = System.nanoTime();
                int ran = 0;
                for (int b = 0; b < batches; b++) {
                    if (store.has(b)) {
                        continue;
                    }
                    int ipcIndex = b / chunks;
                    int first = (b % chunks) * perBatch;
                    int[] labels = new int[sizes[b]];
                    int[] sources = new int[sizes[b]];
                    for (int j = 0; j < labels.length; j++) {
                        labels[j] = first + j;
                        sources[j] = realInit == null ? -1 : realInit[first + j][ipcIndex];
                    }
                    String what = String.format("%s batch %d/%d (IPC index %d, classes %d-%d)", name(), b + 1, batches,
                            ipcIndex, first, first + labels.length - 1);
                    byte[][] images = null;
                    for (int attempt = 1; images == null; attempt++) {
                        try {
                            // a fresh generator per attempt: a retry replays the batch from its seed
                            images = synthesise(ds, manager, ps, teacher, teacherInfo.normalization(), labels, sources,
                                    iterations, lr, rBn, firstBn, schedule, Seeds.forSynthesis(request.seed(), b), what, b);
                        } catch (Diverged e) {
                            if (attempt == ATTEMPTS) {
                                throw new UserException(e.getMessage() + " in each of " + ATTEMPTS
                                        + " attempts; lower --option lr");
                            }
                            LOG.warn("{}; the batch is replayed from its seed (attempt {} of {}): libtorch's CPU kernels "
                                    + "have given transient non-finite values before", e.getMessage(), attempt + 1, ATTEMPTS);
                        }
                    }
                    List<CompressedImage> out = new ArrayList<>();
                    for (int j = 0; j < labels.length; j++) {
                        out.add(new CompressedImage(labels[j], images[j],
                                sources[j] < 0 ? new int[0] : new int[] {sources[j]}));
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

    /** Optimises one batch; returns its images as CHW bytes. */
    private byte[][] synthesise(ImageDataset ds, NDManager manager, ParameterStore ps, Teacher teacher,
            Normalization norm, int[] labels, int[] sources, int iterations, double lr0, double rBn, double firstBn,
            ScaleSchedule schedule, RandomGenerator rng, String what, int batchIndex) {
        int n = labels.length;
        int c = ds.channels();
        int side = ds.height();
        int plane = side * side;
        int imageFloats = c * plane;
        float[] init = new float[n * imageFloats];
        byte[] real = new byte[ds.imageBytes()];
        float[] normalised = new float[imageFloats];
        for (int j = 0; j < n; j++) {
            if (sources[j] < 0) {
                for (int i = 0; i < imageFloats; i++) {
                    init[j * imageFloats + i] = (float) rng.nextGaussian();
                }
            } else {
                ds.readImage(sources[j], real);
                norm.apply(real, normalised);
                System.arraycopy(normalised, 0, init, j * imageFloats, imageFloats);
            }
        }
        float[] lo = new float[c];
        float[] hi = new float[c];
        for (int ch = 0; ch < c; ch++) {
            lo[ch] = -norm.mean()[ch] / norm.std()[ch];
            hi[ch] = (1 - norm.mean()[ch]) / norm.std()[ch];
        }
        float[] oneHot = new float[n * ds.numClasses()];
        for (int j = 0; j < n; j++) {
            oneHot[j * ds.numClasses() + labels[j]] = 1f;
        }
        Shape shape = new Shape(n, c, side, side);
        try (NDManager batch = manager.newSubManager()) {
            NDArray x = batch.create(init, shape);
            x.setRequiresGradient(true);
            NDArray m = batch.zeros(shape);
            NDArray v = batch.zeros(shape);
            NDArray targets = batch.create(oneHot, new Shape(n, ds.numClasses()));
            NDArray low = batch.create(lo, new Shape(1, c, 1, 1));
            NDArray high = batch.create(hi, new Shape(1, c, 1, 1));
            int logEvery = Math.max(1, Math.min(100, iterations / 10));
            for (int t = 0; t < iterations; t++) {
                double lr = lr0 * 0.5 * (1 + Math.cos(Math.PI * t / iterations));
                CropBox box = new RandomResizedCrop(schedule.minScale(t, iterations), 1.0, RATIO_MIN, RATIO_MAX, side)
                        .sample(side, side, rng);
                boolean flip = rng.nextDouble() < 0.5;
                // each step in its own sub-manager and scope: DJL attaches results of ops on batch-level
                // arrays to the batch's manager, which would otherwise grow every step
                try (NDManager step = batch.newSubManager(); NDScope scope = new NDScope()) {
                    float ce;
                    float bn;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray crop = DifferentiableCrop.apply(x, box, flip, side, side, step);
                        List<BatchNormTap.Input> taps = new ArrayList<>();
                        NDArray logits = BatchNormTap.forward(teacher.block(), ps, crop, false, taps);
                        NDArray ceLoss = Losses.softTargetCrossEntropy(logits, targets);
                        NDArray bnLoss = BnStatisticsLoss.of(taps, firstBn);
                        NDArray loss = ceLoss.add(bnLoss.mul((float) rBn));
                        collector.backward(loss);
                        ce = ceLoss.getFloat();
                        bn = bnLoss.getFloat();
                    }
                    if (!Float.isFinite(ce) || !Float.isFinite(bn)) {
                        throw new Diverged(what + " diverged at iteration " + (t + 1) + " (ce " + ce + ", bn " + bn + ")");
                    }
                    listener.iteration(batchIndex, t, ce, bn);
                    NDArray g = x.getGradient();
                    g.attach(step);
                    // torch.optim.Adam without weight decay
                    m.muli(BETA1).addi(g.mul(1 - BETA1));
                    v.muli(BETA2).addi(g.square().muli(1 - BETA2));
                    double bias1 = 1 - Math.pow(BETA1, t + 1);
                    double bias2Sqrt = Math.sqrt(1 - Math.pow(BETA2, t + 1));
                    NDArray denom = v.sqrt().divi(bias2Sqrt).addi(EPS);
                    NDArray next = x.sub(m.div(denom).muli(lr / bias1)).maximum(low).minimum(high);
                    next.attach(batch);
                    NDScope.unregister(next);
                    x.close();
                    x = next;
                    x.setRequiresGradient(true);
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
