package org.condense.train;

/**
 * Sees the network's output on every training batch, in train mode on the augmented batch, as
 * training-dynamics scores (EL2N, forgetting, AUM) need.
 */
@FunctionalInterface
public interface StepObserver {

    /**
     * @param epoch 0-based epoch
     * @param indices dataset index of each sample in the batch
     * @param labels class of each sample
     * @param logits row-major N×K logits of the batch, before the optimiser step
     */
    void observe(int epoch, int[] indices, int[] labels, float[] logits);
}
