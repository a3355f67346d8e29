package org.condense.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * A forward pass that hands out the input of every convolution and every batch-norm layer, in
 * forward order: what G-VBSM's forward hooks capture ({@code ConvFeatureHook} on each
 * {@code Conv2d}, {@code BNFeatureHook} on each {@code BatchNorm2d}). It walks the networks built
 * here as {@link BatchNormTap} does; the logits equal {@code block.forward}.
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
        return run(block, store, new NDList(x), training, inputs).singletonOrThrow();
    }

    private static NDList run(Block block, ParameterStore store, NDList in, boolean training, List<Input> inputs) {
        if (block instanceof BatchNorm || block instanceof Conv2d) {
            inputs.add(new Input(block, in.singletonOrThrow()));
            return block.forward(store, in, training);
        }
        if (block instanceof SequentialBlock) {
            NDList current = in;
            for (Block child : block.getChildren().values()) {
                current = run(child, store, current, training, inputs);
            }
            return current;
        }
        if (block instanceof Composite composite) {
            return composite.forwardWith((child, x) -> run(child, store, x, training, inputs), in);
        }
        if (!contains(block)) {
            return block.forward(store, in, training);
        }
        throw new IllegalArgumentException("cannot see the conv inputs inside a " + block.getClass().getSimpleName());
    }

    private static boolean contains(Block block) {
        if (block instanceof BatchNorm || block instanceof Conv2d) {
            return true;
        }
        for (Block child : block.getChildren().values()) {
            if (contains(child)) {
                return true;
            }
        }
        return false;
    }
}
