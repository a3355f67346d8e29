package org.condense.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/** Small factories for the layers the networks share, with PyTorch's hyper-parameters. */
final class Layers {

    private Layers() {}

    /** A square convolution with PyTorch-style symmetric padding. */
    static Conv2d conv(int filters, int kernel, int stride, int padding, boolean bias, int groups) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(bias)
                .optGroups(groups)
                .build();
    }

    /** Convolution without bias, as every conv followed by batch norm in torchvision. */
    static Conv2d conv(int filters, int kernel, int stride, int padding) {
        return conv(filters, kernel, stride, padding, false, 1);
    }

    /**
     * Batch norm with PyTorch's defaults (eps 1e-5, momentum 0.1). DJL's momentum is the weight
     * of the old running value (DJL passes {@code 1 - momentum} to torch), so 0.9 here is
     * PyTorch's 0.1.
     */
    static BatchNorm batchNorm() {
        return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
    }

    /** The normalisation layer named by {@code kind} ("batch", "instance" or "none"). */
    static Block norm(String kind) {
        return switch (kind) {
            case "batch" -> batchNorm();
            case "instance" -> new InstanceNorm();
            case "none" -> Blocks.identityBlock();
            default -> throw new IllegalArgumentException("unknown norm " + kind);
        };
    }
}
