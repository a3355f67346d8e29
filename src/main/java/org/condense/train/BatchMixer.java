package org.condense.train;

import java.util.random.RandomGenerator;

/** A batch-level augmentation that mixes samples (CutMix, Mixup) in place. */
@FunctionalInterface
public interface BatchMixer {

    /**
     * Mixes {@code images} (N×C×H×W) in place and says how labels mix: sample i's target is
     * {@code lambda·y[i] + (1−lambda)·y[partner[i]]}.
     */
    Mix mix(float[] images, int n, int channels, int height, int width, RandomGenerator rng);

    record Mix(int[] partner, float lambda) {}
}
