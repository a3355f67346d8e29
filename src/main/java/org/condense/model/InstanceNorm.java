package org.condense.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Instance normalisation with a per-channel affine, identical to PyTorch's
 * {@code nn.GroupNorm(C, C, affine=True)} (the "instancenorm" of the dataset-distillation ConvNet):
 * each sample's channel is normalised over (H, W) with biased variance, then scaled by
 * {@code gamma[c]} and shifted by {@code beta[c]}. DJL has no group/instance norm, so this is
 * a layer norm over (H, W) followed by the channel affine; it has no running statistics and
 * behaves the same in training and evaluation.
 */
public final class InstanceNorm extends AbstractBlock {

    private static final byte VERSION = 1;

    private final float epsilon;
    private final Parameter gamma;
    private final Parameter beta;

    public InstanceNorm() {
        this(1e-5f);
    }

    public InstanceNorm(float epsilon) {
        super(VERSION);
        this.epsilon = epsilon;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optInitializer(Initializer.ONES).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optInitializer(Initializer.ZEROS).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("InstanceNorm expects NCHW input, got " + s);
        }
        Shape hw = new Shape(s.get(2), s.get(3));
        Shape perChannel = new Shape(1, s.get(1), 1, 1);
        NDManager m = x.getManager();
        // layer_norm over the last two axes needs an (H,W) affine: pass the identity one.
        NDArray ones = m.ones(hw, x.getDataType(), x.getDevice());
        NDArray zeros = m.zeros(hw, x.getDataType(), x.getDevice());
        NDArray normed = LayerNorm.layerNorm(x, hw, ones, zeros, epsilon).singletonOrThrow();
        NDArray g = ps.getValue(gamma, x.getDevice(), training).reshape(perChannel);
        NDArray b = ps.getValue(beta, x.getDevice(), training).reshape(perChannel);
        return new NDList(normed.mul(g).add(b));
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        long channels = inputShapes[0].get(1);
        gamma.setShape(new Shape(channels));
        beta.setShape(new Shape(channels));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
