package org.condense.distill;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.condense.UserException;
import org.condense.Version;
import org.condense.model.ScalarOps;
import org.condense.random.Seeds;
import org.condense.compress.CompressedImage;
import org.condense.compress.CompressionMethod;
import org.condense.compress.CompressionRequest;
import org.condense.compress.CompressionResult;
import org.condense.compress.MethodNeeds;
import org.condense.compress.MethodOption;
import org.condense.compress.MethodOptions;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.model.Networks;
import org.condense.model.StatisticsTap;
import org.condense.train.Losses;
import org.condense.train.Teacher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.condense.model.Devices;

/**
 * G-VBSM (Shao et al., "Generalized Large-Scale Data Condensation via Various Backbone and
 * Statistical Matching", CVPR 2024), its "recover" step as the authors' code
 * ({@code recover/data_synthesis_with_svd_with_db_with_all_statistic.py}): pixels optimised
 * against several batch-norm teachers, step t using teacher {@code t mod K} (the counter runs on
 * across batches), with
 * <pre>
 *   loss = CE(teacher(x̃), y) + r_stat·Σ_layers statistics (first layer ×first_multiplier)
 *          + r_dense·Σ_classes KL(softmax(λ/τ) ‖ softmax(λ))
 * </pre>
 * where x̃ is the batch after {@link ShiftJitter}, the statistics are those of
 * {@link StatisticsMatch} (BN running statistics and full-training-set conv statistics against an
 * EMA of the batch's, {@link SyntheticEma}) and the last term is {@link Densification}.
 * Adam(β 0.5, 0.9, ε 1e-8), lr·½(1+cos(πt/T)), pixels clipped to the image range each step,
 * N(0, 1) noise init. The images are laid out class by class (each class's IPC images
 * consecutive) and cut into batches of {@code batch_size}, as the authors' code, so a batch holds
 * several images of a class and the Gram matrices are not trivial.
 *
 * <p>Defaults follow the authors' scripts by resolution: up to 64 px (their CIFAR-10/100 and
 * Tiny-ImageNet code) lr 0.05, EMA α 0.8, conv-term drop rate 0.4, 4 px patches; above (their
 * ImageNet-1K code) lr 0.1, α 0.4, no drop, 16 px patches. Both use r_stat 0.01, r_dense 1,
 * τ 4, first layer ×10, jitter 32, batch 100.
 *
 * <p>Randomness comes from {@code --seed} (noise, crops, flips, shifts, drops: one generator per
 * batch); each finished batch is saved with the EMA state, so a rerun continues bit-identically.
 */
public final class GvbsmDistillation implements CompressionMethod {
    private static final Logger LOG = LoggerFactory.getLogger(GvbsmDistillation.class);
    static final String NAME = "gvbsm";
    /** The running statistics after a batch, saved inside that batch's file. */
    static final String STATE = "gvbsm-ema";

    /** Sees the optimisation as it runs (tests follow the loss and interrupt runs here). */
    public interface Listener {
        /** After each step: batch, iteration (0-based), the teacher used and the three loss terms (unweighted). */
        default void iteration(int batch, int iteration, int teacher, double crossEntropy, double statistics,
                double densification) {}

        /** After batch {@code batch} is saved. */
        default void batchSaved(int batch) {}
    }

    /** The resolved settings of a run. */
    record Settings(int iterations, double lr, double rStat, double rDense, double firstMultiplier, double tau,
            double momentum, double dropRate, int patch, int jitter, int batchSize) {}

    private final Listener listener;

    public GvbsmDistillation() {
        this(null);
    }

    /** @param listener sees each step's losses and each saved batch (null: none) */
    public GvbsmDistillation(Listener listener) {
        this.listener = listener == null ? new Listener() { } : listener;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "G-VBSM: pixels matched to the statistics of several batch-norm teachers in turn, with densification";
    }

    @Override
    public MethodNeeds needs() {
        return MethodNeeds.teachers(true);
    }

    @Override
    public List<MethodOption> options() {
        return List.of(MethodOption.of("iterations", "optimisation steps per batch (default 1000)"),
                MethodOption.of("lr", "Adam learning rate on the pixels (default 0.05 up to 64 px, else 0.1)"),
                MethodOption.of("r_stat", "weight of the statistics-matching loss (default 0.01)"),
                MethodOption.of("r_dense", "weight of the densification loss (default 1)"),
                MethodOption.of("first_multiplier", "extra weight of the first layer's statistics (default 10)"),
                MethodOption.of("tau", "temperature of the densification term (default 4)"),
                MethodOption.of("momentum", "EMA factor of the synthetic statistics (default 0.8 up to 64 px, else 0.4)"),
                MethodOption.of("drop_rate", "share of conv statistics terms dropped (default 0.4 up to 64 px, else 0)"),
                MethodOption.of("patch", "patch side of the patch statistics in px (default 4 up to 64 px, else 16)"),
                MethodOption.of("jitter", "largest circular shift per axis in px (default 32)"),
                MethodOption.of("batch_size", "images optimised together (default 100)"));
    }

    @Override
    public CompressionResult compress(CompressionRequest request) {
        MethodOptions options = MethodOptions.of(request, this);
        ImageDataset ds = request.source();
        int ipc = request.positiveIpc();
        if (ds.height() != ds.width()) {
            throw new UserException("method gvbsm needs square images, got " + ds.height() + "×" + ds.width());
        }
        boolean small = ds.height() <= 64;
        Settings s = new Settings(options.integer("iterations", 1000, 1, 1_000_000),
                options.number("lr", small ? 0.05 : 0.1, 0, 100),
                options.number("r_stat", 0.01, 0, 1e6),
                options.number("r_dense", 1, 0, 1e6),
                options.number("first_multiplier", 10, 0, 1e6),
                options.number("tau", 4, 1e-6, 1e6),
                options.number("momentum", small ? 0.8 : 0.4, 0, 1),
                options.number("drop_rate", small ? 0.4 : 0.0, 0, 1),
                options.integer("patch", small ? 4 : 16, 1, 4096),
                options.integer("jitter", 32, 0, 4096),
                options.integer("batch_size", 100, 1, 100_000));
        List<DistillTeacher> teachers = TeacherList.of(options, this, ds);
        Map<String, Object> parameters = parameters(s, ds, teachers);

        int total = ds.numClasses() * ipc;
        int batches = (total + s.batchSize() - 1) / s.batchSize();
        int[] sizes = new int[batches];
        for (int b = 0; b < batches; b++) {
            sizes[b] = Math.min(total, (b + 1) * s.batchSize()) - b * s.batchSize();
        }
        BatchStore store = new BatchStore(request.workDir(), BatchStore.keyOf(NAME, new TreeMap<>(parameters),
                ds.name(), ds.size(), ds.classNames(), ipc, request.seed(), Version.get()));
        int first = 0;
        while (first < batches && store.has(first)) {
            first++;
        }
        SyntheticEma ema = new SyntheticEma(s.momentum(), teachers.size());
        if (first > 0 && first < batches) {
            SyntheticEma saved = SyntheticEma.fromBytes(store.state(first - 1, STATE));
            if (saved == null) {
                LOG.warn("gvbsm: the statistics state after batch {} is missing or unreadable in {}; starting over", first,
                        request.workDir());
                first = 0;
            } else {
                ema = saved;
                LOG.info("gvbsm: {} of {} batches already done in {}, continuing", first, batches, request.workDir());
            }
        }
        if (first < batches) {
            run(request, ds, ipc, s, teachers, store, sizes, first, ema);
        }
        return new CompressionResult(store.images(sizes), parameters, 1, store.resumedSeconds());
    }

    private void run(CompressionRequest request, ImageDataset ds, int ipc, Settings s, List<DistillTeacher> infos,
            BatchStore store, int[] sizes, int first, SyntheticEma ema) {
        try (NDManager manager = Devices.newManager()) {
            List<Teacher> teachers = new ArrayList<>();
            List<TrainingStatistics> real = new ArrayList<>();
            for (DistillTeacher info : infos) {
                Teacher t = info.load(manager);
                if (!Networks.hasBatchNorm(t.block())) {
                    throw new UserException("teacher in " + info.dir() + " has no batch-norm layer; method gvbsm needs one");
                }
                teachers.add(t);
                real.add(TrainingStatistics.of(info, t, ds, s.patch(), manager));
            }
            ParameterStore ps = new ParameterStore(manager, false);
            long started = System.nanoTime();
            for (int b = first; b < sizes.length; b++) {
                int start = b * s.batchSize();
                int[] labels = new int[sizes[b]];
                for (int j = 0; j < labels.length; j++) {
                    labels[j] = (start + j) / ipc;
                }
                String what = String.format("gvbsm batch %d/%d (classes %d-%d)", b + 1, sizes.length, labels[0],
                        labels[labels.length - 1]);
                SyntheticEma before = ema.copy();
                byte[][] images = null;
                for (int attempt = 1; images == null; attempt++) {
                    try {
                        images = synthesise(ds, manager, ps, teachers, infos, real, ema, labels, s,
                                Seeds.forSynthesis(request.seed(), b), what, b);
                    } catch (PixelDistillation.Diverged e) {
                        if (attempt == PixelDistillation.ATTEMPTS) {
                            throw new UserException(e.getMessage() + " in each of " + PixelDistillation.ATTEMPTS
                                    + " attempts; lower --option lr");
                        }
                        LOG.warn("{}; the batch is replayed from its seed (attempt {} of {})", e.getMessage(),
                                attempt + 1, PixelDistillation.ATTEMPTS);
                        ema = before.copy();
                    }
                }
                List<CompressedImage> out = new ArrayList<>();
                for (int j = 0; j < labels.length; j++) {
                    out.add(new CompressedImage(labels[j], images[j], new int[0]));
                }
                // in the batch's own file: a saved batch always has the state to continue from
                store.save(b, out, Map.of(STATE, ema.toBytes()));
                double perBatch = (System.nanoTime() - started) / 1e9 / (b - first + 1);
                LOG.info("{} done ({} s per batch, about {} s left)", what, String.format("%.1f", perBatch),
                        Math.round(perBatch * (sizes.length - b - 1)));
                listener.batchSaved(b);
            }
        }
    }

    /** Optimises one batch; returns its images as CHW bytes. */
    private byte[][] synthesise(ImageDataset ds, NDManager manager, ParameterStore ps, List<Teacher> teachers,
            List<DistillTeacher> infos, List<TrainingStatistics> real, SyntheticEma ema, int[] labels, Settings s,
            RandomGenerator rng, String what, int batchIndex) {
        int n = labels.length;
        int c = ds.channels();
        int side = ds.height();
        int plane = side * side;
        float[] init = new float[n * c * plane];
        for (int i = 0; i < init.length; i++) {
            init[i] = (float) rng.nextGaussian();
        }
        int classes = ds.numClasses();
        float[] oneHot = new float[n * classes];
        for (int j = 0; j < n; j++) {
            oneHot[j * classes + labels[j]] = 1f;
        }
        // every teacher sees the same pixels, so the clip range is the first teacher's normalisation
        Normalization norm = infos.get(0).normalization();
        Shape shape = new Shape(n, c, side, side);
        int iterations = s.iterations();
        try (NDManager batch = manager.newSubManager()) {
            NDArray x = batch.create(init, shape);
            x.setRequiresGradient(true);
            PixelAdam adam = new PixelAdam(batch, shape, norm);
            NDArray targets = batch.create(oneHot, new Shape(n, classes));
            int logEvery = Math.max(1, Math.min(100, iterations / 10));
            for (int t = 0; t < iterations; t++) {
                double lr = PixelAdam.cosineLr(s.lr(), t, iterations);
                ShiftJitter jitter = ShiftJitter.sample(side, s.jitter(), rng);
                // the authors' counter runs on across batches: step t of batch b uses teacher (b·T + t) mod K
                int k = (int) Math.floorMod((long) batchIndex * iterations + t, (long) teachers.size());
                try (NDManager step = batch.newSubManager(); NDScope scope = new NDScope()) {
                    float ce;
                    float stat;
                    float dense;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray xj = jitter.apply(x, step);
                        List<StatisticsTap.Input> taps = new ArrayList<>();
                        NDArray logits = StatisticsTap.forward(teachers.get(k).block(), ps, xj, false, taps);
                        if (StatisticsMatch.convolutions(taps) != real.get(k).layers().size()) {
                            throw new IllegalStateException("teacher " + infos.get(k).dir() + " has "
                                    + StatisticsMatch.convolutions(taps) + " conv layers but its statistics "
                                    + real.get(k).layers().size());
                        }
                        NDArray ceLoss = Losses.softTargetCrossEntropy(logits, targets);
                        NDArray statLoss = StatisticsMatch.of(taps, real.get(k), ema, k, s.patch(), s.dropRate(),
                                s.firstMultiplier(), rng, step);
                        NDArray denseLoss = Densification.of(xj, labels, s.tau(), step);
                        NDArray loss = ceLoss.add(ScalarOps.mul(statLoss, s.rStat())).add(ScalarOps.mul(denseLoss, s.rDense()));
                        collector.backward(loss);
                        ce = ceLoss.getFloat();
                        stat = statLoss.getFloat();
                        dense = denseLoss.getFloat();
                    }
                    if (!Float.isFinite(ce) || !Float.isFinite(stat) || !Float.isFinite(dense)) {
                        throw new PixelDistillation.Diverged(what + " diverged at iteration " + (t + 1) + " (ce " + ce
                                + ", statistics " + stat + ", densification " + dense + ")");
                    }
                    listener.iteration(batchIndex, t, k, ce, stat, dense);
                    x = adam.step(x, t, lr, step, batch);
                    if ((t + 1) % logEvery == 0 || t == 0 || t + 1 == iterations) {
                        LOG.info("{} iteration {}/{} (teacher {}): loss {} (ce {}, statistics {}, densification {}), lr {}",
                                what, t + 1, iterations, k + 1,
                                String.format("%.4f", ce + s.rStat() * stat + s.rDense() * dense),
                                String.format("%.4f", ce), String.format("%.4f", stat), String.format("%.4f", dense),
                                String.format("%.4f", lr));
                    }
                }
            }
            return PixelDistillation.toBytes(x.toFloatArray(), n, c, plane, norm);
        }
    }

    private static Map<String, Object> parameters(Settings s, ImageDataset ds, List<DistillTeacher> teachers) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("iterations", s.iterations());
        p.put("lr", s.lr());
        p.put("schedule", "cosine per iteration: lr·½(1+cos(π·t/T))");
        p.put("optimizer", "Adam(β 0.5, 0.9, ε 1e-8)");
        p.put("r_stat", s.rStat());
        p.put("r_dense", s.rDense());
        p.put("first_multiplier", s.firstMultiplier());
        p.put("tau", s.tau());
        p.put("momentum", s.momentum());
        p.put("drop_rate", s.dropRate());
        p.put("patch", s.patch());
        p.put("jitter", s.jitter());
        p.put("batch_size", s.batchSize());
        p.put("init", "noise");
        p.put("teacher_order", "round robin, step t of batch b uses teacher (b·T + t) mod K");
        p.put("augment", (ds.height() <= 64 ? "RandomCrop(padding 4)" : "RandomResizedCrop(0.08-1)")
                + " + flip p=0.5 + roll by U[0, jitter] per axis, one per batch");
        p.put("conv_statistics", "training set, " + TrainingStatistics.augmentation(ds.height()) + ", batches of "
                + TrainingStatistics.BATCH + ", inference mode");
        p.put("clip", "per step, to the image range in the first teacher's normalised space");
        p.put("output", "denormalised, ×255, clamped to [0, 255], rounded");
        List<Map<String, Object>> list = new ArrayList<>();
        for (DistillTeacher t : teachers) {
            Map<String, Object> one = new LinkedHashMap<>();
            t.record(one);
            list.add(one);
        }
        p.put("teachers", list);
        return p;
    }
}
