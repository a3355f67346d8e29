package org.condense.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.condense.augment.CropBox;

/**
 * RandomResizedCrop's crop-and-resize plus a horizontal flip on an NCHW {@link NDArray}, as two
 * matrix products {@code A_h · X · A_wᵀ}, so gradients flow back to the pixels. Row {@code i} of
 * {@code A_h} holds the two bilinear weights of output row {@code i} at its source rows inside the
 * box — the positions and weights of {@link org.condense.augment.Bilinear} (PyTorch's
 * {@code interpolate(mode='bilinear', align_corners=False)} without antialiasing) — and a flip just
 * reverses the rows of {@code A_w}. One box and one flip serve the whole batch, as torchvision's
 * transforms do on a batch tensor in SRe2L's code. An optional circular shift after the flip
 * ({@code torch.roll} of the output, the "jitter" of the LPLD and DWA code) permutes the rows of
 * the same matrices, so it costs nothing.
 */
public final class DifferentiableCrop {
    private DifferentiableCrop() {}

    /** {@code x} (N, C, H, W) cropped to {@code box}, resized to {@code outH×outW}, flipped if asked; in {@code manager}. */
    public static NDArray apply(NDArray x, CropBox box, boolean flip, int outH, int outW, NDManager manager) {
        return apply(x, box, flip, 0, 0, outH, outW, manager);
    }

    /**
     * As {@link #apply(NDArray, CropBox, boolean, int, int, NDManager)}, then the output rolled by
     * {@code shiftH} rows and {@code shiftW} columns ({@code torch.roll(y, (shiftH, shiftW), (2, 3))}).
     */
    public static NDArray apply(NDArray x, CropBox box, boolean flip, int shiftH, int shiftW, int outH, int outW,
            NDManager manager) {
        Shape s = x.getShape();
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        if (box.isEmpty() || !box.fitsIn(h, w)) {
            throw new IllegalArgumentException("crop " + box + " is empty or outside a " + h + "×" + w + " image");
        }
        NDArray rows = manager.create(weights(h, box.top(), box.height(), outH, false, shiftH), new Shape(outH, h));
        NDArray colsT = manager.create(weights(w, box.left(), box.width(), outW, flip, shiftW), new Shape(outW, w))
                .transpose();
        return rows.matMul(x).matMul(colsT);
    }

    /**
     * The {@code out × full} interpolation matrix of one axis: output {@code i} reads the crop
     * {@code [origin, origin+size)} of an axis of length {@code full}; {@code reverse} mirrors the output.
     */
    static float[] weights(int full, int origin, int size, int out, boolean reverse) {
        return weights(full, origin, size, out, reverse, 0);
    }

    /** As above, the output then rolled by {@code shift}: output row r moves to (r + shift) mod out. */
    static float[] weights(int full, int origin, int size, int out, boolean reverse, int shift) {
        float[] a = new float[out * full];
        float scale = (float) size / out; // float, as PyTorch's opmath for float32 (see Bilinear)
        for (int i = 0; i < out; i++) {
            int row = Math.floorMod((reverse ? out - 1 - i : i) + shift, out);
            if (size == out) { // same size: PyTorch's weights are exactly (1, 0)
                a[row * full + origin + i] = 1f;
                continue;
            }
            float real = Math.max(0f, scale * (i + 0.5f) - 0.5f);
            int index = Math.min((int) real, size - 1);
            float lambda = Math.min(Math.max(real - index, 0f), 1f);
            int hi = index < size - 1 ? index + 1 : index;
            a[row * full + origin + index] += 1f - lambda;
            a[row * full + origin + hi] += lambda;
        }
        return a;
    }
}
