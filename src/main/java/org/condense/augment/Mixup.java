package org.condense.augment;

import java.util.random.RandomGenerator;
import org.condense.random.Permutations;

/**
 * Mixup (Zhang et al., 2018): with probability {@code prob}, λ ~ Beta(α, α) and every sample
 * becomes {@code λ·x[i] + (1 − λ)·x[perm[i]]} for a random permutation of the batch.
 *
 * <p>{@code mixLabels = false} is the paper's "mixup without label mixing" ablation: the pixels
 * are mixed as usual, but the returned {@link MixResult} carries λ = 1, so the caller's loss
 * {@code λ·CE(y) + (1 − λ)·CE(y[perm])} reduces to plain {@code CE(y)}.
 *
 * <p>Draw order: one uniform for {@code prob}; if applied, λ then the permutation.
 */
public record Mixup(double alpha, double prob, boolean mixLabels) implements BatchAugmentation {

    public Mixup {
        Checks.positive("Mixup alpha", alpha);
        Checks.probability("Mixup probability", prob);
    }

    @Override
    public MixResult apply(float[] batch, int n, int c, int h, int w, RandomGenerator rng) {
        Checks.shape(c, h, w);
        Checks.fits("batch", batch, 0, (long) n * c * h * w);
        if (!(rng.nextDouble() < prob)) {
            return MixResult.identity(n);
        }
        float lambda = (float) Distributions.beta(alpha, alpha, rng);
        int[] perm = Permutations.random(n, rng);
        mix(batch, n, c * h * w, perm, lambda);
        return new MixResult(perm, mixLabels ? lambda : 1f);
    }

    /**
     * In place: {@code x[i] = λ·x[i] + (1 − λ)·x[perm[i]]} over the original samples, in float
     * with {@code 1 − λ} computed in float, so a test can reproduce every value exactly.
     */
    public static void mix(float[] batch, int n, int sampleLen, int[] perm, float lambda) {
        float other = 1f - lambda;
        PermutedBatch.forEachPermuted(batch, n, sampleLen, perm, (dstOff, src, srcOff) -> {
            for (int k = 0; k < sampleLen; k++) {
                batch[dstOff + k] = lambda * batch[dstOff + k] + other * src[srcOff + k];
            }
        });
    }
}
