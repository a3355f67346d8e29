package org.condense.train;

import java.util.random.RandomGenerator;

/** A per-sample augmentation from normalised CHW pixels {@code src} into {@code dst} of the same size. */
@FunctionalInterface
public interface SampleTransform {
    void apply(float[] src, float[] dst, int channels, int height, int width, RandomGenerator rng);
}
