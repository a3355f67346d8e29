package org.condense.model;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * torchvision's MobileNetV2 (width_mult 1.0): conv3x3 32 → 17 inverted residuals → conv1x1
 * 1280, each conv followed by norm and ReLU6 except the linear 1x1 projections; then global
 * average pool, Dropout(0.2), Linear.
 *
 * <p>The {@code cifar} stem only changes the first conv's stride from 2 to 1 (32 px → 2x2 before
 * pooling instead of 1x1); the rest is torchvision's, so parameter counts are unchanged.
 */
public final class MobileNetV2 {

    /** torchvision's inverted-residual setting: expand ratio t, channels c, repeats n, stride s. */
    private static final int[][] SETTINGS = {
        {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2},
        {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1},
    };

    private MobileNetV2() {}

    public static Block build(int numClasses, String stem, String norm) {
        SequentialBlock net = new SequentialBlock();
        net.add(convNormRelu6(32, 3, stem.equals("imagenet") ? 2 : 1, 1, norm));
        int in = 32;
        for (int[] s : SETTINGS) {
            int t = s[0], out = s[1], n = s[2], stride = s[3];
            for (int i = 0; i < n; i++) {
                net.add(invertedResidual(in, out, i == 0 ? stride : 1, t, norm));
                in = out;
            }
        }
        net.add(convNormRelu6(1280, 1, 1, 1, norm))
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Dropout.builder().optRate(0.2f).build())
                .add(Linear.builder().setUnits(numClasses).build());
        return net;
    }

    private static Block invertedResidual(int in, int out, int stride, int expand, String norm) {
        int hidden = in * expand;
        SequentialBlock main = new SequentialBlock();
        if (expand != 1) {
            main.add(convNormRelu6(hidden, 1, 1, 1, norm));
        }
        main.add(convNormRelu6(hidden, 3, stride, hidden, norm)) // depthwise
                .add(Layers.conv(out, 1, 1, 0))                   // linear projection
                .add(Layers.norm(norm));
        boolean residual = stride == 1 && in == out;
        return residual ? new Residual(main, null, false) : main;
    }

    private static Block convNormRelu6(int out, int kernel, int stride, int groups, String norm) {
        return new SequentialBlock()
                .add(Layers.conv(out, kernel, stride, (kernel - 1) / 2, false, groups))
                .add(Layers.norm(norm))
                .add(ScalarOps.relu6Block());
    }
}
