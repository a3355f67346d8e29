package org.condense.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.initializer.Initializer;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * Sets PyTorch's initialisation on every parameter of a block tree, drawing all values from
 * one seeded {@link Random} so that the same seed gives bit-identical parameters on any device
 * (the engine's RNG differs between CPU and CUDA builds). Values are drawn when DJL initialises
 * the block, in its fixed depth-first order.
 */
public final class TorchInit {

    /** Which PyTorch code's initialisation to reproduce. */
    public enum Scheme {
        /**
         * Layer defaults ({@code reset_parameters}): conv/linear weight kaiming_uniform(a=√5),
         * i.e. U(±1/√fan_in), and bias U(±1/√fan_in); norms weight 1, bias 0.
         */
        PYTORCH_DEFAULT,
        /** torchvision ResNet: conv kaiming_normal(fan_out, relu); norms 1/0; linear default. */
        TORCHVISION_RESNET,
        /** torchvision MobileNetV2: conv kaiming_normal(fan_out), bias 0; linear N(0, 0.01), bias 0. */
        TORCHVISION_MOBILENET,
        /** torchvision EfficientNet: conv kaiming_normal(fan_out), bias 0; linear U(±1/√out_features), bias 0. */
        TORCHVISION_EFFICIENTNET,
        /**
         * torchvision Swin: linear trunc_normal(std 0.02, ±2), bias 0; the patch conv keeps the layer
         * default; layer norms 1/0; each attention's logit scale ln 10 (set by the block itself).
         */
        TORCHVISION_SWIN
    }

    private TorchInit() {}

    /** Sets the initializers; call before {@code block.initialize(...)}. */
    public static void apply(Block block, Scheme scheme, Random rng) {
        if (block instanceof Convolution) {
            setWeightAndBias(block, convWeight(scheme, rng), convBias(scheme, rng));
        } else if (block instanceof Linear) {
            setWeightAndBias(block, linearWeight(scheme, rng), linearBias(scheme, rng));
        } else if (block instanceof BatchNorm || block instanceof InstanceNorm || block instanceof LayerNorm) {
            for (Parameter p : block.getDirectParameters().values()) {
                p.setInitializer(switch (p.getType()) {
                    case GAMMA, RUNNING_VAR -> Initializer.ONES;
                    case BETA, RUNNING_MEAN -> Initializer.ZEROS;
                    default -> throw unknown(block);
                });
            }
        } else if (block instanceof ShiftedWindowAttentionV2) {
            // its only direct parameter, the logit scale, has a constant initializer of its own
        } else if (!block.getDirectParameters().isEmpty()) {
            // Anything else would fall back to DJL's defaults and the engine RNG: refuse.
            throw unknown(block);
        }
        for (Block child : block.getChildren().values()) {
            apply(child, scheme, rng);
        }
    }

    /** Draws a weight-shaped initializer; the bias one also receives its block's weight shape. */
    private interface FanInit {
        Initializer forBlock(Parameter weight);
    }

    private static void setWeightAndBias(Block block, FanInit weightInit, FanInit biasInit) {
        Parameter weight = null;
        for (Parameter p : block.getDirectParameters().values()) {
            if (p.getType() == Parameter.Type.WEIGHT) {
                weight = p;
            }
        }
        for (Parameter p : block.getDirectParameters().values()) {
            switch (p.getType()) {
                case WEIGHT -> p.setInitializer(weightInit.forBlock(weight));
                case BIAS -> p.setInitializer(biasInit.forBlock(weight));
                default -> throw unknown(block);
            }
        }
    }

    private static FanInit convWeight(Scheme scheme, Random rng) {
        return switch (scheme) {
            case PYTORCH_DEFAULT, TORCHVISION_SWIN -> w -> uniformFanIn(rng, w);
            // gain √2 for relu (and for leaky_relu with a=0, torch's default): std = √(2/fan_out)
            case TORCHVISION_RESNET, TORCHVISION_MOBILENET, TORCHVISION_EFFICIENTNET ->
                    w -> (m, shape, dt) -> fill(m, shape, dt, gaussian(rng, Math.sqrt(2.0 / fanOut(shape))));
        };
    }

    private static FanInit convBias(Scheme scheme, Random rng) {
        return scheme == Scheme.TORCHVISION_MOBILENET || scheme == Scheme.TORCHVISION_EFFICIENTNET
                ? w -> Initializer.ZEROS : w -> uniformFanIn(rng, w);
    }

    private static FanInit linearWeight(Scheme scheme, Random rng) {
        return switch (scheme) {
            case TORCHVISION_MOBILENET -> w -> (m, shape, dt) -> fill(m, shape, dt, gaussian(rng, 0.01));
            case TORCHVISION_EFFICIENTNET -> w -> (m, shape, dt) -> {
                double bound = 1.0 / Math.sqrt(shape.get(0));
                return fill(m, shape, dt, () -> (2 * rng.nextDouble() - 1) * bound);
            };
            case TORCHVISION_SWIN -> w -> (m, shape, dt) -> fill(m, shape, dt, truncatedGaussian(rng, 0.02, 2));
            default -> w -> uniformFanIn(rng, w);
        };
    }

    private static FanInit linearBias(Scheme scheme, Random rng) {
        return scheme == Scheme.PYTORCH_DEFAULT || scheme == Scheme.TORCHVISION_RESNET
                ? w -> uniformFanIn(rng, w) : w -> Initializer.ZEROS;
    }

    /** trunc_normal_(std, a=−bound, b=bound): a normal draw redrawn while outside ±bound. */
    private static DoubleSupplier truncatedGaussian(Random rng, double std, double bound) {
        return () -> {
            double v;
            do {
                v = rng.nextGaussian() * std;
            } while (Math.abs(v) > bound);
            return v;
        };
    }

    /** U(±1/√fan_in) with fan_in of the block's weight (valid for the weight and the bias). */
    private static Initializer uniformFanIn(Random rng, Parameter weight) {
        return (m, shape, dt) -> {
            double bound = 1.0 / Math.sqrt(fanIn(weight.getShape()));
            return fill(m, shape, dt, () -> (2 * rng.nextDouble() - 1) * bound);
        };
    }

    private static DoubleSupplier gaussian(Random rng, double std) {
        return () -> rng.nextGaussian() * std;
    }

    /** PyTorch's fan_in: dim 1 × receptive field (for grouped convs dim 1 is in/groups). */
    static long fanIn(Shape weight) {
        return weight.get(1) * receptiveField(weight);
    }

    /** PyTorch's fan_out: dim 0 × receptive field (not divided by groups). */
    static long fanOut(Shape weight) {
        return weight.get(0) * receptiveField(weight);
    }

    private static long receptiveField(Shape weight) {
        return weight.dimension() > 2 ? weight.slice(2).size() : 1;
    }

    private static NDArray fill(NDManager m, Shape shape, DataType dt, DoubleSupplier values) {
        float[] data = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) values.getAsDouble();
        }
        NDArray array = m.create(data, shape);
        if (dt == DataType.FLOAT32) {
            return array;
        }
        try (array) {
            return array.toType(dt, true);
        }
    }

    private static IllegalStateException unknown(Block block) {
        return new IllegalStateException("no PyTorch initialisation known for "
                + block.getClass().getSimpleName() + " parameters " + block.getDirectParameters().keys());
    }
}
