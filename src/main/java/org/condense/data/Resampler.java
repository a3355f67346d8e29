package org.condense.data;

/**
 * Antialiased bilinear resizing, the algorithm of PIL's {@code Image.resize(BILINEAR)} (which
 * torchvision's Resize uses): a triangle filter whose support widens with the downscale factor,
 * so shrinking averages over the whole footprint instead of aliasing. Separable, deterministic,
 * and the identity when the size does not change.
 */
public final class Resampler {

    private Resampler() {}

    /** Resizes CHW bytes to {@code outH × outW}, channel by channel. */
    public static byte[] resizeChw(byte[] chw, int channels, int h, int w, int outH, int outW) {
        byte[] out = new byte[channels * outH * outW];
        float[] plane = new float[h * w];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < plane.length; i++) {
                plane[i] = chw[c * h * w + i] & 0xff;
            }
            toBytes(resize(plane, h, w, outH, outW), out, c * outH * outW);
        }
        return out;
    }

    /** Resizes one row-major plane of {@code h × w} values to {@code outH × outW}. */
    public static float[] resize(float[] src, int h, int w, int outH, int outW) {
        Weights horizontal = Weights.of(w, outW);
        Weights vertical = Weights.of(h, outH);
        float[] tmp = new float[h * outW];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < outW; x++) {
                tmp[y * outW + x] = horizontal.apply(x, src, y * w, 1);
            }
        }
        float[] dst = new float[outH * outW];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                dst[y * outW + x] = vertical.apply(y, tmp, x, outW);
            }
        }
        return dst;
    }

    /** Rounds to the nearest integer and clamps to 0..255 (the filter never overshoots, rounding might). */
    static void toBytes(float[] values, byte[] dst, int offset) {
        for (int i = 0; i < values.length; i++) {
            dst[offset + i] = (byte) Math.max(0, Math.min(255, Math.round(values[i])));
        }
    }

    /** Per output index: the first input index and the normalised filter weights from there on. */
    private record Weights(int[] first, float[][] weights) {

        static Weights of(int in, int out) {
            double scale = (double) in / out;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale; // the triangle's radius is 1 input pixel, stretched when shrinking
            int[] first = new int[out];
            float[][] weights = new float[out][];
            for (int o = 0; o < out; o++) {
                double center = (o + 0.5) * scale;
                int lo = Math.max((int) (center - support + 0.5), 0);
                int hi = Math.min((int) (center + support + 0.5), in);
                double[] w = new double[hi - lo];
                double total = 0;
                for (int i = lo; i < hi; i++) {
                    double t = Math.abs((i - center + 0.5) / filterScale);
                    w[i - lo] = t < 1 ? 1 - t : 0;
                    total += w[i - lo];
                }
                weights[o] = new float[w.length];
                for (int k = 0; k < w.length; k++) {
                    weights[o][k] = (float) (w[k] / total);
                }
                first[o] = lo;
            }
            return new Weights(first, weights);
        }

        /** Weighted sum for output {@code o} of {@code src[base + (first + k) * stride]}. */
        float apply(int o, float[] src, int base, int stride) {
            float[] w = weights[o];
            int at = base + first[o] * stride;
            float sum = 0;
            for (int k = 0; k < w.length; k++, at += stride) {
                sum += w[k] * src[at];
            }
            return sum;
        }
    }
}
