package org.condense.augment;

/**
 * Bilinear resize of a CHW image region, with the sample positions and arithmetic of PyTorch's
 * {@code F.interpolate(mode='bilinear', align_corners=False, antialias=False)} on a float32 CPU
 * tensor (aten {@code UpSample.h}, {@code cpu/UpSampleKernel.cpp}):
 *
 * <ul>
 *   <li>scale = in/out, computed in float;
 *   <li>src = scale·(dst + 0.5) − 0.5, clamped below at 0; index = min(floor(src), in − 1);
 *       λ = clamp(src − index, 0, 1); the second tap is index + 1, or index at the last pixel;
 *   <li>value = (x00·wx0 + x01·wx1)·wy0 + (x10·wx0 + x11·wx1)·wy1, width inside, height outside.
 * </ul>
 *
 * Cropping then resizing equals resizing the cropped tensor (torchvision's {@code resized_crop}),
 * but is done in one pass. No antialiasing: when downsampling, each output pixel reads only its
 * 2×2 neighbours, like {@code antialias=False}. Java float arithmetic has no fused multiply-add,
 * so where a native PyTorch build fuses, the last bit may differ; results here are reproducible.
 */
public final class Bilinear {
    private Bilinear() {}

    /** Resizes a whole {@code c×h×w} image to {@code c×outH×outW}. */
    public static void resize(float[] src, int srcOff, int c, int h, int w,
                              float[] dst, int dstOff, int outH, int outW) {
        cropResize(src, srcOff, c, h, w, CropBox.whole(h, w), dst, dstOff, outH, outW);
    }

    /**
     * Resizes region {@code box} of a {@code c×h×w} image to {@code c×outH×outW}. Allocates only
     * the per-row and per-column tap tables (O(outH + outW)), never per pixel.
     * {@code src} and {@code dst} must not overlap.
     */
    public static void cropResize(float[] src, int srcOff, int c, int h, int w, CropBox box,
                                  float[] dst, int dstOff, int outH, int outW) {
        Checks.shape(c, h, w);
        Checks.shape(c, outH, outW);
        if (box.isEmpty() || !box.fitsIn(h, w)) {
            throw new IllegalArgumentException("crop " + box + " is empty or outside a " + h + "×" + w + " image");
        }
        Checks.fits("source", src, srcOff, (long) c * h * w);
        Checks.fits("destination", dst, dstOff, (long) c * outH * outW);

        if (box.height() == outH && box.width() == outW) {
            copyRegion(src, srcOff, c, h, w, box, dst, dstOff);
            return;
        }
        Taps rows = Taps.of(box.height(), outH, box.top());
        Taps cols = Taps.of(box.width(), outW, box.left());
        int plane = h * w;
        int o = dstOff;
        for (int ch = 0; ch < c; ch++) {
            int base = srcOff + ch * plane;
            for (int oy = 0; oy < outH; oy++) {
                int r0 = base + rows.lo[oy] * w;
                int r1 = base + rows.hi[oy] * w;
                float wy0 = rows.wLo[oy];
                float wy1 = rows.wHi[oy];
                for (int ox = 0; ox < outW; ox++) {
                    int x0 = cols.lo[ox];
                    int x1 = cols.hi[ox];
                    float wx0 = cols.wLo[ox];
                    float wx1 = cols.wHi[ox];
                    float top = src[r0 + x0] * wx0 + src[r0 + x1] * wx1;
                    float bottom = src[r1 + x0] * wx0 + src[r1 + x1] * wx1;
                    dst[o++] = top * wy0 + bottom * wy1;
                }
            }
        }
    }

    /** Same size: PyTorch's weights are exactly (1, 0), so this is a copy (and avoids 0·Inf). */
    private static void copyRegion(float[] src, int srcOff, int c, int h, int w, CropBox box,
                                   float[] dst, int dstOff) {
        int o = dstOff;
        for (int ch = 0; ch < c; ch++) {
            for (int y = box.top(); y < box.bottom(); y++) {
                System.arraycopy(src, srcOff + (ch * h + y) * w + box.left(), dst, o, box.width());
                o += box.width();
            }
        }
    }

    /** Source taps along one axis: absolute indices of the two neighbours and their weights. */
    private static final class Taps {
        final int[] lo;
        final int[] hi;
        final float[] wLo;
        final float[] wHi;

        private Taps(int n) {
            lo = new int[n];
            hi = new int[n];
            wLo = new float[n];
            wHi = new float[n];
        }

        static Taps of(int inSize, int outSize, int origin) {
            Taps t = new Taps(outSize);
            float scale = (float) inSize / outSize; // float, as PyTorch's opmath for float32
            for (int i = 0; i < outSize; i++) {
                float real = scale * (i + 0.5f) - 0.5f;
                if (real < 0f) {
                    real = 0f;
                }
                int index = Math.min((int) real, inSize - 1); // real >= 0, so the cast is floor
                float lambda = Math.min(Math.max(real - index, 0f), 1f);
                t.lo[i] = origin + index;
                t.hi[i] = origin + (index < inSize - 1 ? index + 1 : index);
                t.wLo[i] = 1f - lambda;
                t.wHi[i] = lambda;
            }
            return t;
        }
    }
}
