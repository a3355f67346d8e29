package org.condense.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The optimisers give bit for bit the update of the straightforward form (a scalar operand per
 * use, as the code had it before the scalars were shared), so results stored by earlier runs
 * still reproduce: random weights and gradients, three steps, every float compared by its bits.
 */
class OptimizerBitsTest {
    private static final Shape[] SHAPES = {new Shape(4, 3, 3, 3), new Shape(4), new Shape(10, 36), new Shape(10)};

    private static List<Parameter> params(NDManager m, long seed) {
        Random r = new Random(seed);
        List<Parameter> out = new ArrayList<>();
        for (Shape s : SHAPES) {
            Parameter p = Parameter.builder().setName("p" + out.size()).setType(Parameter.Type.WEIGHT).build();
            p.setArray(m.create(randoms(r, (int) s.size()), s));
            p.getArray().setRequiresGradient(true);
            out.add(p);
        }
        return out;
    }

    private static float[] randoms(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian() * (i % 7 == 0 ? 1e-4f : 1f);
        }
        return a;
    }

    /** Gradient of Σ p·R for a fresh random R per parameter and step: R itself. */
    private static List<float[]> backward(List<Parameter> params, NDManager m, Random r) {
        List<float[]> grads = new ArrayList<>();
        try (NDManager step = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (Parameter p : params) {
                float[] g = randoms(r, (int) p.getArray().size());
                grads.add(g);
                NDArray term = p.getArray().mul(step.create(g, p.getArray().getShape())).sum();
                loss = loss == null ? term : loss.add(term);
            }
            gc.backward(loss);
        }
        return grads;
    }

    private static int[] bits(NDArray a) {
        float[] f = a.toFloatArray();
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = Float.floatToRawIntBits(f[i]);
        }
        return b;
    }

    @Test
    void adamwMatchesPerUseScalarsBitForBit() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Parameter> fast = params(m, 1);
            List<Parameter> slow = params(m, 1);
            Optimizer opt = new AdamW(0.9, 0.999, 1e-8, 0.01, m);
            List<NDArray> first = new ArrayList<>();
            List<NDArray> second = new ArrayList<>();
            for (Parameter p : slow) {
                first.add(m.zeros(p.getArray().getShape()));
                second.add(m.zeros(p.getArray().getShape()));
            }
            Random r1 = new Random(2);
            Random r2 = new Random(2);
            for (int step = 1; step <= 3; step++) {
                double lr = 1e-3 * step;
                backward(fast, m, r1);
                backward(slow, m, r2);
                try (NDManager s = m.newSubManager()) {
                    opt.step(fast, lr, s);
                    referenceAdamW(slow, first, second, lr, step, s);
                }
                for (int i = 0; i < fast.size(); i++) {
                    assertArrayEquals(bits(slow.get(i).getArray()), bits(fast.get(i).getArray()), "step " + step + " p" + i);
                }
            }
        }
    }

    @Test
    void sgdMatchesPerUseScalarsBitForBit() {
        for (boolean nesterov : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager()) {
                List<Parameter> fast = params(m, 3);
                List<Parameter> slow = params(m, 3);
                Optimizer opt = new Sgd(0.9, 5e-4, nesterov, m);
                List<NDArray> buffers = new ArrayList<>();
                Random r1 = new Random(4);
                Random r2 = new Random(4);
                for (int step = 1; step <= 3; step++) {
                    double lr = 0.1 / step;
                    backward(fast, m, r1);
                    backward(slow, m, r2);
                    try (NDManager s = m.newSubManager()) {
                        opt.step(fast, lr, s);
                        referenceSgd(slow, buffers, lr, nesterov, s, m);
                    }
                    for (int i = 0; i < fast.size(); i++) {
                        assertArrayEquals(bits(slow.get(i).getArray()), bits(fast.get(i).getArray()),
                                "nesterov " + nesterov + " step " + step + " p" + i);
                    }
                }
            }
        }
    }

    /** AdamW as written before, every scalar passed as a Java number. */
    private static void referenceAdamW(List<Parameter> params, List<NDArray> first, List<NDArray> second, double lr,
            long steps, NDManager scratch) {
        double bias1 = 1 - Math.pow(0.9, steps);
        double bias2Sqrt = Math.sqrt(1 - Math.pow(0.999, steps));
        double stepSize = lr / bias1;
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getArray();
            NDArray g = w.getGradient();
            g.attach(scratch);
            if (Optimizer.decays(params.get(i))) {
                w.muli(1 - lr * 0.01);
            }
            NDArray m = first.get(i);
            NDArray v = second.get(i);
            m.muli(0.9).addi(g.mul(1 - 0.9));
            v.muli(0.999).addi(g.square().muli(1 - 0.999));
            NDArray denom = AdamW.scratch(v.sqrt(), scratch).divi(bias2Sqrt).addi(1e-8);
            w.subi(AdamW.scratch(m.div(denom), scratch).muli(stepSize));
            g.muli(0);
        }
    }

    /** SGD as written before. */
    private static void referenceSgd(List<Parameter> params, List<NDArray> buffers, double lr, boolean nesterov,
            NDManager scratch, NDManager state) {
        boolean first = buffers.isEmpty();
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getArray();
            NDArray g = w.getGradient();
            g.attach(scratch);
            NDArray d = g;
            if (Optimizer.decays(params.get(i))) {
                d = g.add(AdamW.scratch(w.mul(5e-4), scratch));
            }
            NDArray buf;
            if (first) {
                buf = d.duplicate();
                buf.attach(state);
                buffers.add(buf);
            } else {
                buf = buffers.get(i);
                buf.muli(0.9).addi(d);
            }
            d = nesterov ? d.add(AdamW.scratch(buf.mul(0.9), scratch)) : buf;
            w.subi(AdamW.scratch(d.mul(lr), scratch));
            g.muli(0);
        }
    }
}
