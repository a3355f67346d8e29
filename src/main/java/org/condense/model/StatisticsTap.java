package org.condense.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * A forward pass that hands out the input of every convolution and every batch-norm layer, in
 * forward order: what G-VBSM's forward hooks capture ({@code ConvFeatureHook} on each
 * {@code Conv2d}, {@code BNFeatureHook} on each {@code BatchNorm2d}). It walks the networks built
 * here as {@link BatchNormTap} does ({@link TappedForward}); the logits equal {@code block.forward}.
 */
public final class StatisticsTap {

    /** One tapped layer (a {@code Conv2d} or a {@code BatchNorm}) and the batch it received. */
    public record Input(Block layer, NDArray input) {
        public boolean isConvolution() {
            return layer instanceof Conv2d;
        }

        /** As a {@link BatchNormTap.Input}, for the running statistics (batch-norm layers only). */
        public BatchNormTap.Input batchNorm() {
            return new BatchNormTap.Input((BatchNorm) layer, input);
        }
    }

    private StatisticsTap() {}

    /** Runs {@code block} on {@code x}; {@code inputs} receives each conv and batch-norm input in run order. */
    public static NDArray forward(Block block, ParameterStore store, NDArray x, boolean training, List<Input> inputs) {
        return new TappedForward(b -> b instanceof BatchNorm || b instanceof Conv2d,
                (layer, in) -> inputs.add(new Input(layer, in)), "conv inputs").forward(block, store, x, training);
    }
}
