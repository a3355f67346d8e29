package org.condense.model;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * torchvision's EfficientNet-B0 (width and depth multipliers 1.0): conv3x3 32 → 16 MBConv blocks
 * → conv1x1 1280, each conv followed by norm and SiLU except the linear 1x1 projections; then
 * global average pool, Dropout(0.2), Linear. An MBConv is: expand conv1x1 (unless the ratio is 1),
 * depthwise conv k×k with the stride, squeeze-excitation to max(1, in/4) channels, project
 * conv1x1; the input is added back when the stride is 1 and the channels are unchanged.
 *
 * <p>torchvision drops each residual branch with stochastic depth (probability rising from 0 to
 * 0.2 over the blocks) while training; that regulariser is omitted here, so training differs from
 * torchvision's while the evaluated network and its parameters are the same.
 *
 * <p>The {@code cifar} stem only changes the first conv's stride from 2 to 1 (32 px → 2x2 before
 * pooling instead of 1x1), as for {@link MobileNetV2}; parameter counts are unchanged.
 */
public final class EfficientNet {

    /** torchvision's B0 setting: expand ratio, kernel, stride, output channels, repeats. */
    private static final int[][] SETTINGS = {
        {1, 3, 1, 16, 1}, {6, 3, 2, 24, 2}, {6, 5, 2, 40, 2}, {6, 3, 2, 80, 3},
        {6, 5, 1, 112, 3}, {6, 5, 2, 192, 4}, {6, 3, 1, 320, 1},
    };

    private EfficientNet() {}

    public static Block buildB0(int numClasses, String stem, String norm) {
        SequentialBlock net = new SequentialBlock();
        net.add(convNormSilu(32, 3, stem.equals("imagenet") ? 2 : 1, 1, norm));
        int in = 32;
        for (int[] s : SETTINGS) {
            int expand = s[0], kernel = s[1], stride = s[2], out = s[3], repeats = s[4];
            for (int i = 0; i < repeats; i++) {
                net.add(mbConv(in, out, kernel, i == 0 ? stride : 1, expand, norm));
                in = out;
            }
        }
        net.add(convNormSilu(4 * in, 1, 1, 1, norm))
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Dropout.builder().optRate(0.2f).build())
                .add(Linear.builder().setUnits(numClasses).build());
        return net;
    }

    private static Block mbConv(int in, int out, int kernel, int stride, int expand, String norm) {
        int hidden = in * expand;
        SequentialBlock main = new SequentialBlock();
        if (expand != 1) {
            main.add(convNormSilu(hidden, 1, 1, 1, norm));
        }
        main.add(convNormSilu(hidden, kernel, stride, hidden, norm)) // depthwise
                .add(new SqueezeExcitation(hidden, Math.max(1, in / 4)))
                .add(Layers.conv(out, 1, 1, 0))                     // linear projection
                .add(Layers.norm(norm));
        boolean residual = stride == 1 && in == out;
        return residual ? new Residual(main, null, false) : main;
    }

    private static Block convNormSilu(int out, int kernel, int stride, int groups, String norm) {
        return new SequentialBlock()
                .add(Layers.conv(out, kernel, stride, (kernel - 1) / 2, false, groups))
                .add(Layers.norm(norm))
                .add(ScalarOps.siluBlock());
    }
}
