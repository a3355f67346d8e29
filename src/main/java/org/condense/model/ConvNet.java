package org.condense.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * The ConvNet of the dataset-distillation literature (DC/DM/MTT/SRe2L code:
 * {@code ConvNet(channel, num_classes, net_width=128, net_depth=3, net_act='relu',
 * net_norm='instancenorm', net_pooling='avgpooling', im_size)}):
 * depth × [conv3x3 pad 1 with bias → norm → ReLU → AvgPool 2x2/2], flatten, Linear.
 * Each pooling floors the side: 32 → 16 → 8 → 4, 28 → 14 → 7 → 3.
 */
public final class ConvNet {

    private ConvNet() {}

    /**
     * @param norm "instance", "batch" or "none"
     * @param firstPadding padding of the first conv: 1 normally; the reference DC code uses 3
     *     for one-channel inputs, which turns a 28 px image into a 32 px feature map
     */
    public static Block build(int numClasses, int width, int depth, String norm, int firstPadding) {
        SequentialBlock net = new SequentialBlock();
        for (int d = 0; d < depth; d++) {
            net.add(Layers.conv(width, 3, 1, d == 0 ? firstPadding : 1, true, 1));
            if (!norm.equals("none")) {
                net.add(Layers.norm(norm));
            }
            net.add(Activation.reluBlock());
            net.add(Pool.avgPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
        net.add(Blocks.batchFlattenBlock());
        net.add(Linear.builder().setUnits(numClasses).build());
        return net;
    }

    /** Side of the final feature map, to check that {@code depth} poolings fit the image. */
    public static int featureSide(int imageSize, int depth, int firstPadding) {
        int side = imageSize + 2 * (firstPadding - 1);
        for (int d = 0; d < depth; d++) {
            side /= 2;
        }
        return side;
    }
}
