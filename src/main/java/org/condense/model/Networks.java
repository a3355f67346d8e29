package org.condense.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;
import java.util.Random;
import org.condense.UserException;

/** Builds, initialises and inspects the networks condense trains, by name. */
public final class Networks {

    private static final List<String> NAMES = List.of("convnet", "resnet18", "resnet50", "resnet101",
            "mobilenetv2", "efficientnetb0", "swinv2t");
    private static final List<String> NORMS = List.of("instance", "batch", "none");
    private static final List<String> STEMS = List.of("cifar", "imagenet");

    private Networks() {}

    public static List<String> names() {
        return NAMES;
    }

    /** A fresh, uninitialised block; call {@link #initialize} before use. */
    public static Block create(NetworkSpec spec) {
        validate(spec);
        return switch (spec.name()) {
            case "convnet" -> ConvNet.build(spec.numClasses(), spec.width(), spec.depth(), spec.norm(),
                    convNetFirstPadding(spec));
            case "resnet18" -> ResNet.build(18, spec.numClasses(), spec.stem(), spec.norm(), spec.width());
            case "resnet50" -> ResNet.build(50, spec.numClasses(), spec.stem(), spec.norm(), spec.width());
            case "resnet101" -> ResNet.build(101, spec.numClasses(), spec.stem(), spec.norm(), spec.width());
            case "mobilenetv2" -> MobileNetV2.build(spec.numClasses(), spec.stem(), spec.norm());
            case "efficientnetb0" -> EfficientNet.buildB0(spec.numClasses(), spec.stem(), spec.norm());
            case "swinv2t" -> SwinTransformerV2.buildTiny(spec.numClasses(), spec.stem(), spec.width());
            default -> throw new IllegalStateException("validated name " + spec.name());
        };
    }

    /**
     * Initialises all parameters like PyTorch's defaults for that network (see
     * {@link TorchInit.Scheme}), deterministically from {@code seed}: the same seed gives
     * bit-identical parameters. The block must be fresh from {@link #create}.
     */
    public static void initialize(Block block, NDManager manager, NetworkSpec spec, long seed) {
        if (block.isInitialized()) {
            throw new IllegalStateException("block is already initialised");
        }
        TorchInit.Scheme scheme = switch (spec.name()) {
            case "resnet18", "resnet50", "resnet101" -> TorchInit.Scheme.TORCHVISION_RESNET;
            case "mobilenetv2" -> TorchInit.Scheme.TORCHVISION_MOBILENET;
            case "efficientnetb0" -> TorchInit.Scheme.TORCHVISION_EFFICIENTNET;
            case "swinv2t" -> TorchInit.Scheme.TORCHVISION_SWIN;
            default -> TorchInit.Scheme.PYTORCH_DEFAULT;
        };
        Random rng = new Random(seed);
        TorchInit.apply(block, scheme, rng);
        if (scheme == TorchInit.Scheme.TORCHVISION_RESNET && spec.stem().equals("cifar")) {
            // The reference CIFAR code swaps the stem in after torchvision's init
            // (model.conv1 = nn.Conv2d(3, 64, 3, 1, 1, bias=False)), so it keeps the layer default.
            TorchInit.apply(ResNet.stemConv(block), TorchInit.Scheme.PYTORCH_DEFAULT, rng);
        }
        block.initialize(manager, DataType.FLOAT32, inputShape(spec, 1));
    }

    /** NCHW shape of a batch for this spec. */
    public static Shape inputShape(NetworkSpec spec, long batchSize) {
        return new Shape(batchSize, spec.channels(), spec.imageSize(), spec.imageSize());
    }

    /** Number of trainable scalars (running statistics excluded); the block must be initialised. */
    public static long countTrainableParameters(Block block) {
        long count = 0;
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient()) {
                if (!p.isInitialized()) {
                    throw new IllegalStateException("parameter " + p.getName() + " is not initialised");
                }
                count += p.getArray().size();
            }
        }
        return count;
    }

    /** True if any layer keeps batch statistics (its output then depends on the training flag). */
    public static boolean hasBatchNorm(Block block) {
        if (block instanceof BatchNorm) {
            return true;
        }
        for (Block child : block.getChildren().values()) {
            if (hasBatchNorm(child)) {
                return true;
            }
        }
        return false;
    }

    /** Refuses an unknown model, norm or stem, or a shape the network cannot take, without building anything. */
    public static void validate(NetworkSpec spec) {
        if (!NAMES.contains(spec.name())) {
            throw new UserException("unknown model '" + spec.name() + "'; choose one of: " + String.join(", ", NAMES));
        }
        boolean swin = spec.name().equals("swinv2t");
        if (swin && !spec.norm().equals("layer")) {
            throw new UserException("model 'swinv2t' has layer norm only; drop --norm " + spec.norm());
        }
        if (swin && spec.width() % 3 != 0) {
            throw new UserException("swinv2t width " + spec.width() + " must be a multiple of 3 (its first stage has "
                    + "3 heads); use 96 (torchvision's) or e.g. 24");
        }
        if (!swin && !NORMS.contains(spec.norm())) {
            throw new UserException("unknown norm '" + spec.norm() + "'; choose one of: " + String.join(", ", NORMS));
        }
        boolean convnet = spec.name().equals("convnet");
        if (!STEMS.contains(spec.stem()) && !(convnet && spec.stem().equals("dc"))) {
            throw new UserException("unknown stem '" + spec.stem() + "'; choose one of: auto, "
                    + String.join(", ", STEMS) + (convnet ? ", dc" : ""));
        }
        if (spec.channels() < 1 || spec.imageSize() < 1 || spec.numClasses() < 1) {
            throw new UserException("model '" + spec.name() + "' needs positive channels, image size and classes; got "
                    + spec.channels() + ", " + spec.imageSize() + ", " + spec.numClasses());
        }
        if (convnet && ConvNet.featureSide(spec.imageSize(), spec.depth(), convNetFirstPadding(spec)) < 1) {
            throw new UserException("convnet depth " + spec.depth() + " is too deep for " + spec.imageSize()
                    + " px images (each level halves the side); use a smaller depth");
        }
    }

    private static int convNetFirstPadding(NetworkSpec spec) {
        return spec.stem().equals("dc") && spec.channels() == 1 ? 3 : 1;
    }
}
