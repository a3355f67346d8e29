package org.condense.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * A forward pass that also hands out the input of every batch-norm layer, in forward order: what
 * SRe2L's forward hooks capture ({@code BNFeatureHook}) to match a teacher's BN statistics. DJL
 * has no hooks and its {@code BatchNorm} cannot be subclassed, so this walks the networks built
 * here ({@link TappedForward}) and runs each leaf itself; the logits equal {@code block.forward}
 * (tested).
 */
public final class BatchNormTap {

    /** One batch-norm layer and the batch it received. */
    public record Input(BatchNorm layer, NDArray input) {
        /** The layer's running mean (a parameter array: do not modify). */
        public NDArray runningMean() {
            return parameter(layer, Parameter.Type.RUNNING_MEAN);
        }

        /** The layer's running variance (a parameter array: do not modify). */
        public NDArray runningVar() {
            return parameter(layer, Parameter.Type.RUNNING_VAR);
        }
    }

    private BatchNormTap() {}

    /**
     * Runs {@code block} on {@code x} and returns its output; {@code inputs} receives each
     * batch-norm layer's input in the order the layers run.
     */
    public static NDArray forward(Block block, ParameterStore store, NDArray x, boolean training, List<Input> inputs) {
        return new TappedForward(b -> b instanceof BatchNorm, (layer, in) -> inputs.add(new Input((BatchNorm) layer, in)),
                "batch-norm inputs").forward(block, store, x, training);
    }

    /** The batch-norm layers of {@code block} in forward order (as {@link #forward} reports them). */
    public static List<BatchNorm> layers(Block block) {
        List<BatchNorm> out = new ArrayList<>();
        collect(block, out);
        return out;
    }

    private static void collect(Block block, List<BatchNorm> out) {
        if (block instanceof BatchNorm bn) {
            out.add(bn);
            return;
        }
        for (Block child : block.getChildren().values()) {
            collect(child, out);
        }
    }

    private static NDArray parameter(BatchNorm bn, Parameter.Type type) {
        return bn.getDirectParameters().values().stream().filter(p -> p.getType() == type).findFirst()
                .orElseThrow(() -> new IllegalStateException("batch norm without " + type)).getArray();
    }
}
