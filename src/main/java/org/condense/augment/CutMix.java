package org.condense.augment;

import java.util.random.RandomGenerator;
import org.condense.random.Permutations;

/**
 * CutMix (Yun et al., 2019) as in the authors' training code, one box per batch: with
 * probability {@code prob}, λ ~ Beta(β, β), a box with sides ⌊H·√(1−λ)⌋ × ⌊W·√(1−λ)⌋ centred at
 * a uniform pixel ({@link #box}, their {@code rand_bbox}, clipped at the borders) is pasted
 * into every sample from sample {@code permutation[i]} of a random permutation, and λ is
 * recomputed from the clipped box: λ = 1 − box area / image area.
 *
 * <p>Draw order: one uniform for {@code prob}; if applied, λ, the permutation, then the centre
 * row and column.
 */
public record CutMix(double beta, double prob) implements BatchAugmentation {

    public CutMix {
        Checks.positive("CutMix beta", beta);
        Checks.probability("CutMix probability", prob);
    }

    /** β = 1 (λ uniform), always applied: the soft-label protocol's setting. */
    public CutMix() {
        this(1.0, 1.0);
    }

    @Override
    public MixResult apply(float[] batch, int n, int c, int h, int w, RandomGenerator rng) {
        Checks.shape(c, h, w);
        Checks.fits("batch", batch, 0, (long) n * c * h * w);
        if (!(rng.nextDouble() < prob)) {
            return MixResult.identity(n);
        }
        double lambda = Distributions.beta(beta, beta, rng);
        int[] perm = Permutations.random(n, rng);
        int cy = rng.nextInt(h);
        int cx = rng.nextInt(w);
        CropBox b = box(h, w, lambda, cy, cx);
        if (!b.isEmpty()) {
            int plane = h * w;
            PermutedBatch.forEachPermuted(batch, n, c * plane, perm, (dstOff, src, srcOff) -> {
                if (src == batch && srcOff == dstOff) {
                    return; // a sample pasted onto itself
                }
                for (int ch = 0; ch < c; ch++) {
                    for (int y = b.top(); y < b.bottom(); y++) {
                        int row = ch * plane + y * w + b.left();
                        System.arraycopy(src, srcOff + row, batch, dstOff + row, b.width());
                    }
                }
            });
        }
        return new MixResult(perm, areaLambda(b, h, w));
    }

    /**
     * The paper code's {@code rand_bbox}: half-sides are {@code cut/2} (integer), so the
     * unclipped box is {@code 2·(cut/2)} wide, one less than {@code cut} when it is odd.
     */
    public static CropBox box(int h, int w, double lambda, int cy, int cx) {
        double cutRatio = Math.sqrt(1.0 - lambda);
        int cutH = (int) (h * cutRatio);
        int cutW = (int) (w * cutRatio);
        int y1 = clamp(cy - cutH / 2, h);
        int y2 = clamp(cy + cutH / 2, h);
        int x1 = clamp(cx - cutW / 2, w);
        int x2 = clamp(cx + cutW / 2, w);
        return new CropBox(y1, x1, y2 - y1, x2 - x1);
    }

    /** λ as the fraction of each image that is still its own: 1 − box area / image area. */
    public static float areaLambda(CropBox box, int h, int w) {
        return (float) (1.0 - (double) box.area() / ((double) h * w));
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(v, size));
    }
}
