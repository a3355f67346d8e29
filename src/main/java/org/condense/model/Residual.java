package org.condense.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code out = main(x) + shortcut(x)}, optionally followed by ReLU: the residual unit of
 * ResNet (BasicBlock, Bottleneck; ReLU after the sum) and of MobileNetV2's inverted residual
 * (linear bottleneck, no ReLU). A {@code null} shortcut is the identity.
 */
final class Residual extends AbstractBlock implements Composite {

    private static final byte VERSION = 1;

    private final Block main;
    private final Block shortcut;
    private final boolean reluAfterSum;

    Residual(Block main, Block shortcut, boolean reluAfterSum) {
        super(VERSION);
        this.main = addChildBlock("main", main);
        this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
        this.reluAfterSum = reluAfterSum;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return forwardWith((block, in) -> block.forward(ps, in, training, params), inputs);
    }

    /** The unit's computation with each child run by {@code child} (lets {@link BatchNormTap} see inside). */
    @Override
    public NDList forwardWith(java.util.function.BiFunction<Block, NDList, NDList> child, NDList inputs) {
        NDArray y = child.apply(main, inputs).singletonOrThrow();
        NDArray identity = shortcut == null
                ? inputs.singletonOrThrow()
                : child.apply(shortcut, inputs).singletonOrThrow();
        NDArray sum = y.add(identity);
        return new NDList(reluAfterSum ? Activation.relu(sum) : sum);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        main.initialize(manager, dataType, inputShapes);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return main.getOutputShapes(inputShapes);
    }
}
