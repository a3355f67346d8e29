package org.condense.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * torchvision's ResNet (v1.5: stride on the 3x3 conv of the bottleneck), built from
 * BasicBlock (ResNet-18) or Bottleneck with expansion 4 (ResNet-50, ResNet-101). Convs have no bias; the
 * downsample shortcut is conv1x1/stride + norm whenever the shape changes.
 *
 * <p>Stems: {@code imagenet} = conv7x7/2 pad 3, norm, ReLU, maxpool 3x3/2 pad 1;
 * {@code cifar} = conv3x3/1 pad 1, norm, ReLU, no max-pool: the small-image variant of the
 * reference code, which replaces torchvision's {@code conv1} and {@code maxpool} after
 * construction (so that conv keeps PyTorch's layer-default initialisation; see
 * {@link Networks#initialize}).
 */
public final class ResNet {

    /** torchvision's stem and first-stage width; the stages double it: 64, 128, 256, 512. */
    public static final int BASE_WIDTH = 64;

    private ResNet() {}

    /** torchvision's network: base width 64. */
    public static Block build(int depth, int numClasses, String stem, String norm) {
        return build(depth, numClasses, stem, norm, BASE_WIDTH);
    }

    /**
     * @param depth 18, 50 or 101
     * @param baseWidth the stem's and first stage's channels (64 in torchvision); a narrow network (e.g. 16)
     *     is a teacher that trains in reasonable time on a CPU
     */
    public static Block build(int depth, int numClasses, String stem, String norm, int baseWidth) {
        boolean bottleneck;
        int[] blocks;
        switch (depth) {
            case 18 -> { bottleneck = false; blocks = new int[] {2, 2, 2, 2}; }
            case 50 -> { bottleneck = true; blocks = new int[] {3, 4, 6, 3}; }
            case 101 -> { bottleneck = true; blocks = new int[] {3, 4, 23, 3}; }
            default -> throw new IllegalArgumentException("unsupported ResNet depth " + depth);
        }
        int expansion = bottleneck ? 4 : 1;

        SequentialBlock net = new SequentialBlock();
        if (stem.equals("imagenet")) {
            net.add(Layers.conv(baseWidth, 7, 2, 3)).add(Layers.norm(norm)).add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        } else {
            net.add(Layers.conv(baseWidth, 3, 1, 1)).add(Layers.norm(norm)).add(Activation.reluBlock());
        }
        int inChannels = baseWidth;
        for (int stage = 0; stage < 4; stage++) {
            int width = baseWidth << stage;
            SequentialBlock layer = new SequentialBlock();
            for (int i = 0; i < blocks[stage]; i++) {
                int stride = (stage > 0 && i == 0) ? 2 : 1;
                int out = width * expansion;
                Block main = bottleneck ? bottleneck(width, out, stride, norm) : basic(width, stride, norm);
                Block shortcut = (stride != 1 || inChannels != out) ? downsample(out, stride, norm) : null;
                layer.add(new Residual(main, shortcut, true));
                inChannels = out;
            }
            net.add(layer);
        }
        net.add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(numClasses).build());
        return net;
    }

    /** The stem's convolution of a network built here (its first layer). */
    static Block stemConv(Block resnet) {
        return resnet.getChildren().values().get(0);
    }

    private static Block basic(int width, int stride, String norm) {
        return new SequentialBlock()
                .add(Layers.conv(width, 3, stride, 1)).add(Layers.norm(norm)).add(Activation.reluBlock())
                .add(Layers.conv(width, 3, 1, 1)).add(Layers.norm(norm));
    }

    private static Block bottleneck(int width, int out, int stride, String norm) {
        return new SequentialBlock()
                .add(Layers.conv(width, 1, 1, 0)).add(Layers.norm(norm)).add(Activation.reluBlock())
                .add(Layers.conv(width, 3, stride, 1)).add(Layers.norm(norm)).add(Activation.reluBlock())
                .add(Layers.conv(out, 1, 1, 0)).add(Layers.norm(norm));
    }

    /**
     * conv1x1/stride + norm. A strided 1x1 conv is computed as "take every stride-th pixel, then
     * conv1x1/1" — the same function and parameters — because PyTorch 2.7.1's oneDNN backward
     * for strided 1x1 convs (brgconv_strided, e.g. 512→1024 channels) dies with SIGFPE on CPUs
     * that report no cache sizes, as the VMs condense is built on do; the JVM goes with it.
     */
    static Block downsample(int out, int stride, String norm) {
        SequentialBlock block = new SequentialBlock();
        if (stride != 1) {
            String step = "::" + stride;
            block.addSingleton(x -> x.get(":, :, " + step + ", " + step), "subsample");
        }
        return block.add(Layers.conv(out, 1, 1, 0)).add(Layers.norm(norm));
    }
}
