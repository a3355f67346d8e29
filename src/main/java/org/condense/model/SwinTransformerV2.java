package org.condense.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

/**
 * torchvision's Swin-V2-Tiny ({@code swin_v2_t}): patch embedding (conv p×p/p, layer norm) → four
 * stages of depths 2, 2, 6, 2 with 3, 6, 12, 24 heads and widths C, 2C, 4C, 8C (C = 96) joined by
 * patch merging (2×2 neighbours concatenated, Linear 4C' → 2C' without bias, then layer norm) →
 * layer norm → average pool → Linear. Each block is <em>post-norm</em>, as in Swin V2:
 * {@code x + LN(attn(x))}, then {@code x + LN(MLP(x))} with a 4× GELU MLP; every other block
 * shifts its windows by half a window. Tensors stay channel-last between the stem and the head,
 * as in torchvision.
 *
 * <p>Stems: {@code imagenet} = torchvision's patch 4, window 8 (224 px → 56, 28, 14, 7 tokens a
 * side). {@code cifar} = patch 2, window 4 (32 px → 16, 8, 4, 2), the usual small-image setting
 * of Swin on CIFAR (a 4× smaller patch so the first stage keeps 16×16 tokens, and a window that
 * still tiles every stage but the last). Only the patch conv's weight differs in size.
 *
 * <p>torchvision drops each residual branch with stochastic depth 0.2 while training; that
 * regulariser is omitted here (the evaluated network and its parameters are the same).
 */
public final class SwinTransformerV2 {

    /** torchvision's embedding width for the Tiny model. */
    public static final int EMBED_DIM = 96;
    private static final int[] DEPTHS = {2, 2, 6, 2};
    private static final int[] HEADS = {3, 6, 12, 24};

    private SwinTransformerV2() {}

    /** @param embedDim C, the first stage's width (96); a multiple of 3 so that each head has C/3 channels */
    public static Block buildTiny(int numClasses, String stem, int embedDim) {
        boolean imagenet = stem.equals("imagenet");
        int patch = imagenet ? 4 : 2;
        int window = imagenet ? 8 : 4;
        SequentialBlock net = new SequentialBlock()
                .add(Conv2d.builder().setFilters(embedDim).setKernelShape(new Shape(patch, patch))
                        .optStride(new Shape(patch, patch)).build())
                .addSingleton(x -> x.transpose(0, 2, 3, 1), "toChannelsLast")
                .add(layerNorm());
        for (int stage = 0; stage < DEPTHS.length; stage++) {
            int dim = embedDim << stage;
            if (stage > 0) {
                net.add(patchMerging(dim));
            }
            for (int i = 0; i < DEPTHS[stage]; i++) {
                net.add(block(dim, HEADS[stage], window, i % 2 == 0 ? 0 : window / 2));
            }
        }
        return net.add(layerNorm())
                .addSingleton(x -> x.mean(new int[] {2}).mean(new int[] {1}), "averagePool")
                .add(Linear.builder().setUnits(numClasses).build());
    }

    private static Block block(int dim, int heads, int window, int shift) {
        Block attention = new SequentialBlock()
                .add(new ShiftedWindowAttentionV2(dim, heads, window, shift))
                .add(layerNorm());
        Block mlp = new SequentialBlock()
                .add(Linear.builder().setUnits(4L * dim).build())
                .add(Activation.geluBlock())
                .add(Linear.builder().setUnits(dim).build())
                .add(layerNorm());
        return new SequentialBlock().add(new Residual(attention, null, false)).add(new Residual(mlp, null, false));
    }

    /** PatchMergingV2 to width {@code dim}: odd sides are zero-padded, then reduction and norm. */
    private static Block patchMerging(int dim) {
        return new SequentialBlock()
                .addSingleton(SwinTransformerV2::mergeNeighbours, "mergeNeighbours")
                .add(Linear.builder().setUnits(dim).optBias(false).build())
                .add(layerNorm());
    }

    /** (N, H, W, C) → (N, ⌈H/2⌉, ⌈W/2⌉, 4C) in torchvision's order x[0::2, 0::2], x[1::2, 0::2], x[0::2, 1::2], x[1::2, 1::2]. */
    private static NDArray mergeNeighbours(NDArray x) {
        long h = x.getShape().get(1);
        long w = x.getShape().get(2);
        if (h % 2 + w % 2 > 0) {
            x = x.pad(new Shape(0, 0, 0, w % 2, 0, h % 2), 0);
        }
        return x.get(":, 0::2, 0::2, :").concat(x.get(":, 1::2, 0::2, :"), 3)
                .concat(x.get(":, 0::2, 1::2, :"), 3).concat(x.get(":, 1::2, 1::2, :"), 3);
    }

    /** Layer norm over the channel (last) axis of an (N, H, W, C) map, eps 1e-5 as torchvision. */
    private static LayerNorm layerNorm() {
        return LayerNorm.builder().axis(3).optEpsilon(1e-5f).build();
    }
}
