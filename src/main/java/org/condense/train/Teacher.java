package org.condense.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** A trained network used in inference mode to label batches (soft labels). */
public final class Teacher {
    private final Block block;
    private final ParameterStore store;

    public Teacher(Block block, ParameterStore store) {
        this.block = block;
        this.store = store;
    }

    /** Logits for a normalised batch, in inference mode (batch norm uses running statistics). */
    public NDArray logits(NDArray x) {
        return block.forward(store, new NDList(x), false).singletonOrThrow();
    }

    public Block block() {
        return block;
    }
}
