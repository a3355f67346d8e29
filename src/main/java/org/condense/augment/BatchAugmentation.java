package org.condense.augment;

import java.util.random.RandomGenerator;

/** An augmentation that mixes samples of a whole batch (CutMix, Mixup), in place. */
public interface BatchAugmentation {

    /**
     * Mixes the first {@code n} samples of {@code batch} (N×C×H×W, contiguous from index 0) in
     * place and returns how to mix their labels.
     */
    MixResult apply(float[] batch, int n, int c, int h, int w, RandomGenerator rng);
}
