package org.condense.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import java.util.function.BiFunction;

/**
 * A block that runs its children with its own arithmetic in between (a residual sum, a
 * squeeze-excitation gate). The taps ({@link BatchNormTap}, {@link StatisticsTap}) run each child
 * through {@code child} so that they can see the layers inside, as PyTorch's forward hooks do.
 */
interface Composite {

    /** The block's computation with each child run by {@code child}. */
    NDList forwardWith(BiFunction<Block, NDList, NDList> child, NDList inputs);
}
