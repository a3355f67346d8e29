package org.condense.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.condense.augment.HorizontalFlip;
import org.condense.augment.PaddedCrop;
import org.condense.random.Permutations;
import org.condense.augment.RandomResizedCrop;
import org.condense.augment.SampleAugmentation;
import org.condense.random.Seeds;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.io.AtomicFiles;
import org.condense.io.Hashing;
import org.condense.model.StatisticsTap;
import org.condense.train.Teacher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real side of G-VBSM's convolution statistics: for every conv layer of one teacher, in
 * forward order, the {@link ConvStatistics} of its input averaged over the training set, as the
 * authors' {@code ConvFeatureHook.pre_hook_fn}: one pass in inference mode, shuffled batches of 64
 * with the training augmentation (padded crop + flip up to 64 px, RandomResizedCrop + flip above),
 * each batch's statistics weighted by its share of the set (so variances are within-batch ones).
 *
 * <p>The pass costs a forward over the whole set, so its result is kept beside the teacher
 * ({@code gvbsm-statistics-<key>.bin}, written atomically) and reused; the key covers the
 * teacher weights' SHA-256, the data, the patch side and this procedure. Its randomness has a fixed
 * seed: the statistics belong to the teacher and the data, not to a run.
 */
final class TrainingStatistics {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingStatistics.class);
    private static final int MAGIC = 0x47565331; // "GVS1"
    static final int BATCH = 64;
    static final long SEED = 0;

    /** Per conv layer: channel mean, channel var, patch mean, patch var. */
    private final List<float[][]> layers;

    TrainingStatistics(List<float[][]> layers) {
        this.layers = List.copyOf(layers);
    }

    List<float[][]> layers() {
        return layers;
    }

    /** The statistics of {@code teacher} on {@code data}: read from its folder, or computed and stored there. */
    static TrainingStatistics of(DistillTeacher info, Teacher teacher, ImageDataset data, int patch, NDManager manager) {
        String key = "gvbsm conv statistics v1\n" + info.weightsSha256() + "\n" + data.name() + "\n" + data.size() + "\n"
                + data.classNames() + "\n" + data.channels() + "x" + data.height() + "x" + data.width() + "\npatch "
                + patch + "\n" + info.normalization() + "\n" + augmentation(data.height()) + "\nbatch " + BATCH
                + "\nseed " + SEED;
        Path file = info.dir().resolve("gvbsm-statistics-" + Hashing.sha256(key).substring(0, 16) + ".bin");
        if (Files.isRegularFile(file)) {
            try {
                TrainingStatistics read = read(file, key);
                if (read != null) {
                    LOG.info("G-VBSM: training-set statistics of {} read from {}", info.dir(), file.getFileName());
                    return read;
                }
            } catch (IOException e) {
                LOG.warn("G-VBSM: cannot read {} ({}); computing the statistics again", file, e.getMessage());
            }
        }
        TrainingStatistics stats = compute(teacher, data, info.normalization(), patch, manager, info.dir().toString());
        try {
            AtomicFiles.write(file, raw -> {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
                stats.write(out, key);
                out.flush();
            });
        } catch (IOException e) {
            LOG.warn("G-VBSM: cannot keep the statistics in {} ({}); they will be computed again next time", file,
                    e.getMessage());
        }
        return stats;
    }

    static String augmentation(int side) {
        return side <= 64 ? "padded crop 4 + flip" : "RandomResizedCrop(0.08-1) + flip";
    }

    /** One streamed pass over {@code data}; {@code what} names the teacher in the log. */
    static TrainingStatistics compute(Teacher teacher, ImageDataset data, Normalization norm, int patch,
            NDManager manager, String what) {
        int n = data.size();
        int c = data.channels();
        int h = data.height();
        int w = data.width();
        int floats = c * h * w;
        List<SampleAugmentation> steps = h <= 64 ? List.of(new PaddedCrop(4), new HorizontalFlip())
                : List.of(RandomResizedCrop.standard(h), new HorizontalFlip());
        int[] order = Permutations.random(n, Seeds.forEpochOrder(SEED, 0));
        ParameterStore ps = new ParameterStore(manager, false);
        List<double[][]> sums = null;
        byte[] img = new byte[data.imageBytes()];
        float[] normalised = new float[floats];
        float[] tmp = new float[floats];
        long started = System.nanoTime();
        int batches = (n + BATCH - 1) / BATCH;
        for (int b = 0; b < batches; b++) {
            int from = b * BATCH;
            int size = Math.min(BATCH, n - from);
            float[] batch = new float[size * floats];
            for (int i = 0; i < size; i++) {
                data.readImage(order[from + i], img);
                norm.apply(img, normalised);
                RandomGenerator rng = Seeds.forSample(SEED, 0, from + i);
                float[] src = normalised;
                for (SampleAugmentation step : steps) {
                    float[] dst = src == tmp ? normalised : tmp;
                    step.apply(src, 0, c, h, w, dst, 0, rng);
                    src = dst;
                }
                System.arraycopy(src, 0, batch, i * floats, floats);
            }
            try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
                NDArray x = step.create(batch, new Shape(size, c, h, w));
                List<StatisticsTap.Input> taps = new ArrayList<>();
                StatisticsTap.forward(teacher.block(), ps, x, false, taps);
                List<StatisticsTap.Input> convs = taps.stream().filter(StatisticsTap.Input::isConvolution).toList();
                if (sums == null) {
                    sums = new ArrayList<>();
                    for (int l = 0; l < convs.size(); l++) {
                        sums.add(new double[4][]);
                    }
                }
                double weight = (double) size / n;
                for (int l = 0; l < convs.size(); l++) {
                    NDArray[] m = ConvStatistics.of(convs.get(l).input(), patch, step).all();
                    for (int k = 0; k < 4; k++) {
                        float[] v = m[k].toFloatArray();
                        if (sums.get(l)[k] == null) {
                            sums.get(l)[k] = new double[v.length];
                        }
                        for (int i = 0; i < v.length; i++) {
                            sums.get(l)[k][i] += v[i] * weight;
                        }
                    }
                }
            }
            if ((b + 1) % Math.max(1, batches / 10) == 0 || b + 1 == batches) {
                LOG.info("G-VBSM: training-set statistics of {}: {}/{} batches ({} s)", what, b + 1, batches,
                        Math.round((System.nanoTime() - started) / 1e9));
            }
        }
        List<float[][]> layers = new ArrayList<>();
        for (double[][] s : sums) {
            float[][] f = new float[4][];
            for (int k = 0; k < 4; k++) {
                f[k] = new float[s[k].length];
                for (int i = 0; i < f[k].length; i++) {
                    f[k][i] = (float) s[k][i];
                }
            }
            layers.add(f);
        }
        return new TrainingStatistics(layers);
    }

    private void write(DataOutputStream out, String key) throws IOException {
        out.writeInt(MAGIC);
        out.writeUTF(key);
        out.writeInt(layers.size());
        for (float[][] layer : layers) {
            for (float[] a : layer) {
                out.writeInt(a.length);
                for (float f : a) {
                    out.writeFloat(f);
                }
            }
        }
    }

    /** The statistics in {@code file}, or null if it holds another key. */
    private static TrainingStatistics read(Path file, String key) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC || !in.readUTF().equals(key)) {
                return null;
            }
            int count = in.readInt();
            List<float[][]> layers = new ArrayList<>();
            for (int l = 0; l < count; l++) {
                float[][] layer = new float[4][];
                for (int k = 0; k < 4; k++) {
                    layer[k] = new float[in.readInt()];
                    for (int i = 0; i < layer[k].length; i++) {
                        layer[k][i] = in.readFloat();
                    }
                }
                layers.add(layer);
            }
            return new TrainingStatistics(layers);
        }
    }

    @Override
    public String toString() {
        return layers.size() + " conv layers " + Arrays.toString(layers.stream().mapToInt(l -> l[0].length).toArray());
    }
}
