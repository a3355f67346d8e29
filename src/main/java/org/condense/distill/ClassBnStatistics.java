package org.condense.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.condense.UserException;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.model.BatchNormTap;
import org.condense.train.Teacher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LPLD's class-aware BN statistics: for every batch-norm layer of a teacher and every class, the
 * mean and biased variance per channel of the layer's input over (N, H, W) of all training
 * images of that class, the teacher in inference mode and the images as stored (no augmentation).
 * Built by streaming the dataset in batches; per sample the engine gives each channel's mean and
 * sum of squared deviations, and those merge in double precision (Chan et al.), so no sum of
 * squares loses the variance to cancellation.
 */
final class ClassBnStatistics {
    private static final Logger LOG = LoggerFactory.getLogger(ClassBnStatistics.class);

    private final int classes;
    private final int[] channels;
    /** [layer][class·C + channel]: running count, mean and sum of squared deviations. */
    private final double[][] count;
    private final double[][] mean;
    private final double[][] m2;

    ClassBnStatistics(int classes, int[] channels) {
        this.classes = classes;
        this.channels = channels.clone();
        int layers = channels.length;
        count = new double[layers][];
        mean = new double[layers][];
        m2 = new double[layers][];
        for (int l = 0; l < layers; l++) {
            count[l] = new double[classes * channels[l]];
            mean[l] = new double[classes * channels[l]];
            m2[l] = new double[classes * channels[l]];
        }
    }

    /** Statistics read back from a file: the means and variances as floats ([layer][class·C + channel]). */
    static ClassBnStatistics of(int classes, int[] channels, float[][] means, float[][] vars) {
        ClassBnStatistics s = new ClassBnStatistics(classes, channels);
        for (int l = 0; l < channels.length; l++) {
            for (int i = 0; i < means[l].length; i++) {
                s.count[l][i] = 1;
                s.mean[l][i] = means[l][i];
                s.m2[l][i] = vars[l][i];
            }
        }
        return s;
    }

    int classes() {
        return classes;
    }

    int[] channels() {
        return channels.clone();
    }

    int layers() {
        return channels.length;
    }

    /** Adds one batch: {@code inputs.get(l)} is layer l's NCHW input, {@code labels} the N classes. */
    void add(List<NDArray> inputs, int[] labels) {
        if (inputs.size() != channels.length) {
            throw new IllegalArgumentException("expected " + channels.length + " layer inputs, got " + inputs.size());
        }
        for (int l = 0; l < inputs.size(); l++) {
            NDArray x = inputs.get(l);
            Shape s = x.getShape();
            int n = (int) s.get(0);
            int c = (int) s.get(1);
            if (c != channels[l] || n != labels.length) {
                throw new IllegalArgumentException("layer " + l + " input " + s + " does not fit " + labels.length
                        + " labels and " + channels[l] + " channels");
            }
            double pixels = s.get(2) * s.get(3);
            NDArray flat = x.reshape(n, c, -1);
            NDArray sampleMean = flat.mean(new int[] {2});
            float[] means = sampleMean.toFloatArray();
            float[] deviations = flat.sub(sampleMean.reshape(n, c, 1)).square().sum(new int[] {2}).toFloatArray();
            for (int i = 0; i < n; i++) {
                for (int ch = 0; ch < c; ch++) {
                    merge(l, labels[i] * c + ch, pixels, means[i * c + ch], deviations[i * c + ch]);
                }
            }
        }
    }

    private void merge(int l, int k, double nB, double meanB, double m2B) {
        double nA = count[l][k];
        double n = nA + nB;
        double delta = meanB - mean[l][k];
        mean[l][k] += delta * nB / n;
        m2[l][k] += m2B + delta * delta * nA * nB / n;
        count[l][k] = n;
    }

    /** Layer {@code l}'s mean for class {@code c}, per channel. */
    float[] mean(int l, int c) {
        float[] out = new float[channels[l]];
        for (int ch = 0; ch < out.length; ch++) {
            out[ch] = (float) mean[l][c * channels[l] + ch];
        }
        return out;
    }

    /** Layer {@code l}'s biased variance for class {@code c}, per channel. */
    float[] var(int l, int c) {
        float[] out = new float[channels[l]];
        for (int ch = 0; ch < out.length; ch++) {
            int k = c * channels[l] + ch;
            out[ch] = (float) (m2[l][k] / count[l][k]);
        }
        return out;
    }

    /**
     * LPLD's statistics term for a batch of class {@code c}: Σ_l m_l (‖μ_c − μ‖₂ + ‖σ²_c − σ²‖₂),
     * the batch's μ, σ² from {@code inputs} (one per layer, in forward order), m_1 = {@code firstMultiplier}.
     */
    NDArray loss(List<NDArray> inputs, int c, double firstMultiplier, NDManager manager) {
        List<NDArray> means = new ArrayList<>();
        List<NDArray> vars = new ArrayList<>();
        for (int l = 0; l < inputs.size(); l++) {
            means.add(manager.create(mean(l, c)));
            vars.add(manager.create(var(l, c)));
        }
        return BnStatisticsLoss.of(inputs, means, vars, firstMultiplier);
    }

    /**
     * One pass of {@code teacher} (inference mode) over {@code data}, {@code batchSize} images at a
     * time, normalised by {@code norm}.
     */
    static ClassBnStatistics compute(ImageDataset data, Teacher teacher, Normalization norm, int batchSize,
            NDManager manager) {
        int[] counts = data.classCounts();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                throw new UserException("class " + data.classNames().get(c) + " has no training image; class-aware "
                        + "BN statistics need at least one per class");
            }
        }
        int layers = BatchNormTap.layers(teacher.block()).size();
        ParameterStore ps = new ParameterStore(manager, false);
        ClassBnStatistics stats = null;
        int imageFloats = data.imageBytes();
        byte[] img = new byte[imageFloats];
        float[] one = new float[imageFloats];
        long started = System.nanoTime();
        long lastLog = started;
        for (int start = 0; start < data.size(); start += batchSize) {
            int n = Math.min(batchSize, data.size() - start);
            float[] batch = new float[n * imageFloats];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                data.readImage(start + i, img);
                norm.apply(img, one);
                System.arraycopy(one, 0, batch, i * imageFloats, imageFloats);
                labels[i] = data.label(start + i);
            }
            try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
                NDArray x = step.create(batch, new Shape(n, data.channels(), data.height(), data.width()));
                List<BatchNormTap.Input> taps = new ArrayList<>();
                BatchNormTap.forward(teacher.block(), ps, x, false, taps);
                if (stats == null) {
                    int[] channels = new int[layers];
                    for (int l = 0; l < layers; l++) {
                        channels[l] = (int) taps.get(l).input().getShape().get(1);
                    }
                    stats = new ClassBnStatistics(data.numClasses(), channels);
                }
                stats.add(taps.stream().map(BatchNormTap.Input::input).toList(), labels);
            }
            long now = System.nanoTime();
            if (now - lastLog > 10_000_000_000L || start + n == data.size()) {
                lastLog = now;
                double seconds = (now - started) / 1e9;
                LOG.info("class BN statistics: {}/{} images ({} s, about {} s left)", start + n, data.size(),
                        Math.round(seconds), Math.round(seconds / (start + n) * (data.size() - start - n)));
            }
        }
        return stats;
    }
}
