package org.condense.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * torchvision's {@code ShiftedWindowAttentionV2} on channel-last {@code (N, H, W, C)} input:
 * the map is padded to a multiple of the window, cyclically shifted by {@code shift} (no shift
 * along a side the window already covers), split into windows, and each window runs multi-head
 * <em>scaled cosine</em> attention: {@code cos(q, k) · exp(min(τ, ln 100))} with a learnt τ per
 * head (initially ln 10), plus a relative position bias {@code 16 · σ(MLP(log-spaced coords))}
 * from a 2 → 512 → heads MLP, plus −100 between tokens that the shift brought together from
 * different regions. The key third of the qkv bias is held at zero, as torchvision does.
 * Dropouts are 0 in Swin-V2-T and omitted.
 */
final class ShiftedWindowAttentionV2 extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dim;
    private final int heads;
    private final int window;
    private final int shift;
    private final Linear qkv;
    private final Linear proj;
    private final Block cpbMlp;
    private final Parameter logitScale;
    /** (2w−1)², 2 log-spaced relative coordinates, and the flat index of each head's bias in the MLP output. */
    private final float[] coordsTable;
    private final long[] biasIndex;

    ShiftedWindowAttentionV2(int dim, int heads, int window, int shift) {
        super(VERSION);
        this.dim = dim;
        this.heads = heads;
        this.window = window;
        this.shift = shift;
        qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * dim).build());
        proj = addChildBlock("proj", Linear.builder().setUnits(dim).build());
        cpbMlp = addChildBlock("cpbMlp", new SequentialBlock()
                .add(Linear.builder().setUnits(512).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(heads).optBias(false).build()));
        logitScale = addParameter(Parameter.builder().setName("logitScale").setType(Parameter.Type.OTHER)
                .optShape(new Shape(heads, 1, 1))
                .optInitializer(new ConstantInitializer((float) Math.log(10))).build());
        coordsTable = coordsTable(window);
        biasIndex = biasIndex(window, heads);
    }

    /** torchvision's table: coords in [−(w−1), w−1] scaled to ±8, then sign·log2(|x|+1)/3. */
    static float[] coordsTable(int window) {
        int side = 2 * window - 1;
        float[] t = new float[side * side * 2];
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                t[2 * (i * side + j)] = logSpaced((i - (window - 1)) * 8.0 / (window - 1));
                t[2 * (i * side + j) + 1] = logSpaced((j - (window - 1)) * 8.0 / (window - 1));
            }
        }
        return t;
    }

    private static float logSpaced(double v) {
        return (float) (Math.signum(v) * (Math.log(Math.abs(v) + 1) / Math.log(2)) / 3.0);
    }

    /** For head h and token pair (p, q): h·L + index(p, q) into the transposed (heads, L) MLP output. */
    private static long[] biasIndex(int window, int heads) {
        int n = window * window;
        int side = 2 * window - 1;
        long[] index = new long[heads * n * n];
        for (int h = 0; h < heads; h++) {
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    int dh = p / window - q / window + window - 1;
                    int dw = p % window - q % window + window - 1;
                    index[(h * n + p) * n + q] = (long) h * side * side + (long) dh * side + dw;
                }
            }
        }
        return index;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDManager m = input.getManager();
        long b = input.getShape().get(0);
        long h = input.getShape().get(1);
        long w = input.getShape().get(2);
        long padB = (window - h % window) % window;
        long padR = (window - w % window) % window;
        NDArray x = padB + padR > 0 ? input.pad(new Shape(0, 0, 0, padR, 0, padB), 0) : input;
        long ph = h + padB;
        long pw = w + padR;
        int shiftH = window >= ph ? 0 : shift;
        int shiftW = window >= pw ? 0 : shift;
        boolean shifted = shiftH + shiftW > 0;
        if (shifted) {
            x = roll(roll(x, 1, -shiftH), 2, -shiftW);
        }
        long rows = ph / window;
        long cols = pw / window;
        long windows = rows * cols;
        int n = window * window;
        x = x.reshape(b, rows, window, cols, window, dim).transpose(0, 1, 3, 2, 4, 5).reshape(b * windows, n, dim);

        NDArray weight = ps.getValue(qkv.getParameters().get("weight"), x.getDevice(), training);
        NDArray bias = ps.getValue(qkv.getParameters().get("bias"), x.getDevice(), training);
        float[] keep = new float[3 * dim];
        java.util.Arrays.fill(keep, 0, dim, 1f);
        java.util.Arrays.fill(keep, 2 * dim, 3 * dim, 1f);
        NDArray qkvOut = Linear.linear(x, weight, bias.mul(m.create(keep).toDevice(x.getDevice(), false)))
                .singletonOrThrow()
                .reshape(b * windows, n, 3, heads, dim / heads).transpose(2, 0, 3, 1, 4);
        NDArray q = qkvOut.get(0).normalize(2, -1, 1e-12);
        NDArray k = qkvOut.get(1).normalize(2, -1, 1e-12);
        NDArray v = qkvOut.get(2);
        NDArray scale = ScalarOps.minimum(ps.getValue(logitScale, x.getDevice(), training), Math.log(100)).exp();
        NDArray attn = q.matMul(k.transpose(0, 1, 3, 2)).mul(scale).add(relativePositionBias(ps, training, x));
        if (shifted) {
            NDArray mask = m.create(shiftMask(ph, pw, shiftH, shiftW), new Shape(1, windows, 1, n, n))
                    .toDevice(x.getDevice(), false);
            attn = attn.reshape(b, windows, heads, n, n).add(mask).reshape(b * windows, heads, n, n);
        }
        NDArray out = attn.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b * windows, n, dim);
        out = proj.forward(ps, new NDList(out), training, params).singletonOrThrow();
        out = out.reshape(b, rows, cols, window, window, dim).transpose(0, 1, 3, 2, 4, 5).reshape(b, ph, pw, dim);
        if (shifted) {
            out = roll(roll(out, 1, shiftH), 2, shiftW);
        }
        if (padB + padR > 0) {
            out = out.get(":, :" + h + ", :" + w + ", :");
        }
        return new NDList(out);
    }

    /** (1, heads, n, n): 16·σ of the MLP's bias for each pair of positions in a window. */
    private NDArray relativePositionBias(ParameterStore ps, boolean training, NDArray like) {
        NDManager m = like.getManager();
        int side = 2 * window - 1;
        NDArray table = m.create(coordsTable, new Shape(side * side, 2)).toDevice(like.getDevice(), false);
        NDArray perCoord = cpbMlp.forward(ps, new NDList(table), training).singletonOrThrow(); // (L, heads)
        NDArray index = m.create(biasIndex).toDevice(like.getDevice(), false);
        int n = window * window;
        return ScalarOps.mul(Activation.sigmoid(perCoord.transpose(1, 0).take(index).reshape(1, heads, n, n)), 16);
    }

    /** torch.roll along one axis: element i moves to i + by (mod size). */
    private static NDArray roll(NDArray x, int axis, int by) {
        long size = x.getShape().get(axis);
        long cut = Math.floorMod(-by, size);
        if (cut == 0) {
            return x;
        }
        String head = ":, ".repeat(axis);
        return x.get(head + cut + ":").concat(x.get(head + ":" + cut), axis);
    }

    /**
     * torchvision's mask: the padded map is cut into 3×3 regions by Python slices
     * {@code [0:−w], [−w:−s], [−s:]} per axis; tokens of one window from different regions get −100.
     */
    private float[] shiftMask(long ph, long pw, int shiftH, int shiftW) {
        int[] rowRegion = regions((int) ph, shiftH);
        int[] colRegion = regions((int) pw, shiftW);
        long rows = ph / window;
        long cols = pw / window;
        int n = window * window;
        float[] mask = new float[Math.toIntExact(rows * cols * n * n)];
        int[] label = new int[n];
        int wi = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, wi++) {
                for (int p = 0; p < n; p++) {
                    label[p] = 3 * rowRegion[r * window + p / window] + colRegion[c * window + p % window];
                }
                for (int p = 0; p < n; p++) {
                    for (int q = 0; q < n; q++) {
                        mask[(wi * n + p) * n + q] = label[p] == label[q] ? 0f : -100f;
                    }
                }
            }
        }
        return mask;
    }

    /** Region 0, 1 or 2 of each index, assigned in order by the slices [0:−w], [−w:−s], [−s:] as Python reads them. */
    private int[] regions(int size, int s) {
        int[] region = new int[size];
        int[][] slices = {{0, size - window}, {size - window, s == 0 ? 0 : size - s}, {s == 0 ? 0 : size - s, size}};
        for (int k = 0; k < 3; k++) {
            for (int i = Math.max(0, slices[k][0]); i < slices[k][1]; i++) {
                region[i] = k;
            }
        }
        return region;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        qkv.initialize(manager, dataType, new Shape(1, dim));
        proj.initialize(manager, dataType, new Shape(1, dim));
        int side = 2 * window - 1;
        cpbMlp.initialize(manager, dataType, new Shape(side * side, 2));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
