package org.condense.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.condense.augment.CropBox;

/**
 * The statistics G-VBSM matches at a convolution's input (its {@code ConvFeatureHook}): per
 * channel, the mean and biased variance over (N, H, W); and per spatial patch, the mean and
 * biased variance over all images, channels and pixels of that patch. For patches the map is
 * first resized (bilinear, as {@code F.interpolate}) to the next multiple of the patch side,
 * then cut into {@code (H'/p)·(W'/p)} patches of p×p, in row-major order (the code's
 * {@code rearrange("b c (u h) (v w) -> (u v) (b c h w)")}). The authors use p = 4 for CIFAR and
 * Tiny-ImageNet, 16 for ImageNet-1K.
 */
final class ConvStatistics {
    private ConvStatistics() {}

    /** The four statistics of one batch, each a 1-d array: channel mean, channel var, patch mean, patch var. */
    record Moments(NDArray mean, NDArray var, NDArray patchMean, NDArray patchVar) {
        NDArray[] all() {
            return new NDArray[] {mean, var, patchMean, patchVar};
        }
    }

    static Moments of(NDArray x, int patch, NDManager manager) {
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("conv input must be NCHW, got " + s);
        }
        long n = s.get(0);
        long c = s.get(1);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        NDArray flat = x.transpose(1, 0, 2, 3).reshape(c, -1);
        NDArray mean = flat.mean(new int[] {1});
        NDArray var = flat.sub(mean.reshape(c, 1)).square().mean(new int[] {1});
        int ph = roundUp(h, patch);
        int pw = roundUp(w, patch);
        NDArray resized = ph == h && pw == w ? x : DifferentiableCrop.apply(x, CropBox.whole(h, w), false, ph, pw, manager);
        int u = ph / patch;
        int v = pw / patch;
        NDArray patches = resized.reshape(n, c, u, patch, v, patch).transpose(2, 4, 0, 1, 3, 5).reshape((long) u * v, -1);
        NDArray patchMean = patches.mean(new int[] {1});
        NDArray patchVar = patches.sub(patchMean.reshape((long) u * v, 1)).square().mean(new int[] {1});
        return new Moments(mean, var, patchMean, patchVar);
    }

    /** The official {@code div_four_mul}/{@code div_sixteen_mul}: {@code v} rounded up to a multiple of {@code p}. */
    static int roundUp(int v, int p) {
        return (v + p - 1) / p * p;
    }
}
