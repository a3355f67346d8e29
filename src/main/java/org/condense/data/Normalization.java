package org.condense.data;

import java.util.Arrays;

/**
 * Per-channel mean and standard deviation in [0, 1] pixel units, used to standardise network
 * inputs: {@code (x / 255 - mean[c]) / std[c]}.
 */
public record Normalization(float[] mean, float[] std) {

    public Normalization {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and std need one value per channel: " + mean.length + " vs "
                    + std.length);
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be positive: " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * Exact statistics over up to {@code maxSamples} evenly spaced samples, streamed one image at
     * a time (a folder dataset is never loaded whole). The std is the population std over all
     * pixels of a channel, the convention of the published CIFAR-10 values (0.2470, …).
     */
    /**
     * Samples behind a source dataset's normalisation: every image of CIFAR-10 and Fashion-MNIST,
     * 60,000 evenly spaced ones of larger sets. Compression, evaluation, teachers and scoring all
     * use {@link #ofSource}, so the same source always gets the same statistics.
     */
    public static final int SOURCE_SAMPLES = 60_000;

    /**
     * The per-channel statistics of a source training set, as every stage of the pipeline uses them;
     * computed once per dataset content and then read from the cache folder (see
     * {@link NormalizationCache}).
     */
    public static Normalization ofSource(ImageDataset ds) {
        return NormalizationCache.standard().get(ds, SOURCE_SAMPLES);
    }

    public static Normalization compute(ImageDataset ds, int maxSamples) {
        int n = Math.min(ds.size(), maxSamples);
        if (n < 1) {
            throw new IllegalArgumentException("need at least one sample, dataset " + ds.name() + " has "
                    + ds.size() + ", maxSamples " + maxSamples);
        }
        int channels = ds.channels();
        int plane = ds.height() * ds.width();
        long[] sum = new long[channels];
        long[] sumSq = new long[channels]; // ≤ 255² × pixels: exact in a long up to ~10¹⁴ pixels
        byte[] img = new byte[ds.imageBytes()];
        for (int k = 0; k < n; k++) {
            ds.readImage((int) ((long) k * ds.size() / n), img);
            for (int c = 0; c < channels; c++) {
                long s = 0;
                long sq = 0;
                for (int i = c * plane, end = i + plane; i < end; i++) {
                    int v = img[i] & 0xff;
                    s += v;
                    sq += v * v;
                }
                sum[c] += s;
                sumSq[c] += sq;
            }
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        double count = (double) n * plane;
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / count;
            double var = Math.max(0, sumSq[c] / count - m * m);
            mean[c] = (float) (m / 255);
            // A constant channel has nothing to scale; 1 keeps apply() finite instead of dividing by 0.
            std[c] = var > 0 ? (float) (Math.sqrt(var) / 255) : 1f;
        }
        return new Normalization(mean, std);
    }

    public int channels() {
        return mean.length;
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /**
     * Writes the standardised floats of one CHW image ({@code chw} is exactly one image of bytes
     * 0..255) into {@code dst} from {@code offset}.
     */
    public void apply(byte[] chw, float[] dst, int offset) {
        int plane = chw.length / mean.length;
        if (plane * mean.length != chw.length) {
            throw new IllegalArgumentException(chw.length + " bytes do not split into " + mean.length
                    + " channels");
        }
        for (int c = 0; c < mean.length; c++) {
            // Folded into one multiply-add per pixel: x·scale + shift.
            float scale = 1f / (255f * std[c]);
            float shift = -mean[c] / std[c];
            for (int i = c * plane, end = i + plane; i < end; i++) {
                dst[offset + i] = (chw[i] & 0xff) * scale + shift;
            }
        }
    }

    public void apply(byte[] chw, float[] dst) {
        apply(chw, dst, 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization other && Arrays.equals(mean, other.mean) && Arrays.equals(std, other.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
