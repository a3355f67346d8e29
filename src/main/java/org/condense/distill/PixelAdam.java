package org.condense.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import org.condense.data.Normalization;

/**
 * The pixel update every SRe2L-family recover step shares: {@code torch.optim.Adam} (β 0.5, 0.9,
 * ε 1e-8, no weight decay) on a batch of normalised images, then a clip to the image range
 * [−m/s, (1−m)/s] per channel. Its moments live in the manager given at construction.
 */
final class PixelAdam {
    static final double BETA1 = 0.5;
    static final double BETA2 = 0.9;
    static final double EPS = 1e-8;

    private final NDArray m;
    private final NDArray v;
    private final NDArray low;
    private final NDArray high;

    PixelAdam(NDManager manager, Shape shape, Normalization norm) {
        int c = (int) shape.get(1);
        float[] lo = new float[c];
        float[] hi = new float[c];
        for (int ch = 0; ch < c; ch++) {
            lo[ch] = -norm.mean()[ch] / norm.std()[ch];
            hi[ch] = (1 - norm.mean()[ch]) / norm.std()[ch];
        }
        m = manager.zeros(shape);
        v = manager.zeros(shape);
        low = manager.create(lo, new Shape(1, c, 1, 1));
        high = manager.create(hi, new Shape(1, c, 1, 1));
    }

    /**
     * Updates the moments with gradient {@code g} of step {@code t} (0-based) and returns the next,
     * clipped pixels: a new array in the current scope; {@code x} is left as it is.
     */
    NDArray next(NDArray x, NDArray g, int t, double lr) {
        m.muli(BETA1).addi(g.mul(1 - BETA1));
        v.muli(BETA2).addi(g.square().muli(1 - BETA2));
        double bias1 = 1 - Math.pow(BETA1, t + 1);
        double bias2Sqrt = Math.sqrt(1 - Math.pow(BETA2, t + 1));
        NDArray denom = v.sqrt().divi(bias2Sqrt).addi(EPS);
        return x.sub(m.div(denom).muli(lr / bias1)).maximum(low).minimum(high);
    }

    /**
     * Step {@code t} after the backward pass: returns the next pixels, kept in {@code keep} (out of
     * the step's scope) and requiring a gradient. {@code x} is closed; its gradient goes to
     * {@code step}, closed with it.
     */
    NDArray step(NDArray x, int t, double lr, NDManager step, NDManager keep) {
        NDArray g = x.getGradient();
        g.attach(step);
        NDArray next = next(x, g, t, lr);
        next.attach(keep);
        NDScope.unregister(next);
        x.close();
        next.setRequiresGradient(true);
        return next;
    }

    /** The cosine-annealed learning rate of step {@code t} of {@code iterations}, from {@code lr0} towards 0. */
    static double cosineLr(double lr0, int t, int iterations) {
        return lr0 * 0.5 * (1 + Math.cos(Math.PI * t / iterations));
    }
}
