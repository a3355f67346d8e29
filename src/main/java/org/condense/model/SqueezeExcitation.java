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
import java.util.function.BiFunction;

/**
 * torchvision's {@code SqueezeExcitation} as EfficientNet uses it: {@code x · σ(fc2(SiLU(fc1(avgpool(x)))))}
 * with fc1, fc2 1x1 convolutions with bias ({@code channels → squeeze → channels}).
 */
final class SqueezeExcitation extends AbstractBlock implements Composite {

    private static final byte VERSION = 1;

    private final Block fc1;
    private final Block fc2;
    private final int channels;
    private final int squeeze;

    SqueezeExcitation(int channels, int squeeze) {
        super(VERSION);
        this.channels = channels;
        this.squeeze = squeeze;
        fc1 = addChildBlock("fc1", Layers.conv(squeeze, 1, 1, 0, true, 1));
        fc2 = addChildBlock("fc2", Layers.conv(channels, 1, 1, 0, true, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return forwardWith((block, in) -> block.forward(ps, in, training, params), inputs);
    }

    @Override
    public NDList forwardWith(BiFunction<Block, NDList, NDList> child, NDList inputs) {
        NDArray x = inputs.singletonOrThrow();
        NDArray pooled = x.mean(new int[] {3}, true).mean(new int[] {2}, true); // the engine reduces one axis at a time
        NDArray s = ScalarOps.silu(child.apply(fc1, new NDList(pooled)).singletonOrThrow());
        NDArray gate = Activation.sigmoid(child.apply(fc2, new NDList(s)).singletonOrThrow());
        return new NDList(x.mul(gate));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        fc1.initialize(manager, dataType, new Shape(n, channels, 1, 1));
        fc2.initialize(manager, dataType, new Shape(n, squeeze, 1, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
