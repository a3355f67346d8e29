package org.condense.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;
import org.condense.augment.CropBox;
import org.condense.augment.RandomResizedCrop;

/**
 * G-VBSM's per-step augmentation of the synthetic batch, one draw for the whole batch as
 * torchvision's transforms on a batch tensor: up to 64 px {@code RandomCrop(side, padding=4)}
 * (zero padding in normalised space) and above {@code RandomResizedCrop(side)}; then a horizontal
 * flip (p = ½); then {@code torch.roll} by (off₁, off₂), each uniform in [0, jitter] (their
 * "random shift"). Each axis is one matrix, {@code y = A_h·x·A_wᵀ}, so gradients reach the pixels.
 *
 * @param rows the (side × side) matrix of the height axis
 * @param cols the (side × side) matrix of the width axis
 */
record ShiftJitter(float[] rows, float[] cols, int side) {
    static final int PADDING = 4;

    /** Draws crop, flip and roll in that order. */
    static ShiftJitter sample(int side, int jitter, RandomGenerator rng) {
        float[] h;
        float[] w;
        boolean flip;
        if (side <= 64) {
            int dy = rng.nextInt(2 * PADDING + 1) - PADDING;
            int dx = rng.nextInt(2 * PADDING + 1) - PADDING;
            flip = rng.nextDouble() < 0.5;
            h = shifted(side, dy, false);
            w = shifted(side, dx, flip);
        } else {
            CropBox box = RandomResizedCrop.standard(side).sample(side, side, rng);
            flip = rng.nextDouble() < 0.5;
            h = DifferentiableCrop.weights(side, box.top(), box.height(), side, false);
            w = DifferentiableCrop.weights(side, box.left(), box.width(), side, flip);
        }
        int rollY = rng.nextInt(jitter + 1);
        int rollX = rng.nextInt(jitter + 1);
        return new ShiftJitter(rolled(h, side, rollY), rolled(w, side, rollX), side);
    }

    NDArray apply(NDArray x, NDManager manager) {
        NDArray a = manager.create(rows, new Shape(side, side));
        NDArray bT = manager.create(cols, new Shape(side, side)).transpose();
        return a.matMul(x).matMul(bT);
    }

    /** Output i reads input i + shift (0 outside), of the mirrored output if {@code reverse}. */
    static float[] shifted(int side, int shift, boolean reverse) {
        float[] a = new float[side * side];
        for (int i = 0; i < side; i++) {
            int src = i + shift;
            if (src >= 0 && src < side) {
                a[(reverse ? side - 1 - i : i) * side + src] = 1f;
            }
        }
        return a;
    }

    /** {@code torch.roll} by {@code shift} after {@code a}: output row i is row (i − shift) mod side of {@code a}. */
    static float[] rolled(float[] a, int side, int shift) {
        float[] out = new float[side * side];
        for (int i = 0; i < side; i++) {
            int from = Math.floorMod(i - shift, side);
            System.arraycopy(a, from * side, out, i * side, side);
        }
        return out;
    }
}
