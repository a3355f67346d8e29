package org.condense.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One and two optimiser steps on a constant gradient, against PyTorch's formulas worked by hand. */
class OptimizersTest {

    /** w (2-D, decayed) = [[1, -2]], b (1-D, not decayed) = [1]; loss = Σ w·[0.5, -0.5] + b·0.5. */
    private static List<Parameter> params(NDManager m) {
        Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        w.setArray(m.create(new float[] {1, -2}, new Shape(1, 2)));
        Parameter b = Parameter.builder().setName("b").setType(Parameter.Type.BIAS).build();
        b.setArray(m.create(new float[] {1}));
        w.getArray().setRequiresGradient(true);
        b.getArray().setRequiresGradient(true);
        return List.of(w, b);
    }

    private static void backward(List<Parameter> p, NDManager m) {
        try (NDManager step = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = p.get(0).getArray().mul(step.create(new float[] {0.5f, -0.5f}, new Shape(1, 2))).sum()
                    .add(p.get(1).getArray().mul(0.5f).sum());
            gc.backward(loss);
        }
    }

    @Test
    void adamwTakesSignSizedStepsAndDecaysOnlyMatrices() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Parameter> p = params(m);
            Optimizer opt = new AdamW(0.9, 0.999, 1e-8, 0.01, m);
            for (int i = 0; i < 2; i++) {
                backward(p, m);
                try (NDManager s = m.newSubManager()) {
                    opt.step(p, 0.1, s);
                }
            }
            // constant gradient: m̂ = g, v̂ = g², so each step moves lr·sign(g); decay multiplies by (1 − 0.1·0.01)
            // w: 1 → 0.999 − 0.1 = 0.899 → 0.899·0.999 − 0.1 = 0.798101; −2 → −1.898 → −1.796102; b: 1 → 0.9 → 0.8
            assertArrayEquals(new float[] {0.798101f, -1.796102f}, p.get(0).getArray().toFloatArray(), 1e-5f);
            assertArrayEquals(new float[] {0.8f}, p.get(1).getArray().toFloatArray(), 1e-5f);
        }
    }

    @Test
    void sgdMomentumStartsFromFirstGradientAndDecaysOnlyMatrices() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Parameter> p = params(m);
            Optimizer opt = new Sgd(0.9, 0.1, false, m);
            for (int i = 0; i < 2; i++) {
                backward(p, m);
                try (NDManager s = m.newSubManager()) {
                    opt.step(p, 0.1, s);
                }
            }
            // w=1, g=0.5: d1 = 0.5 + 0.1·1 = 0.6, buf = 0.6, w1 = 0.94; d2 = 0.5 + 0.094 = 0.594,
            // buf = 0.54 + 0.594 = 1.134, w2 = 0.94 − 0.1134 = 0.8266.
            // w=−2, g=−0.5: d1 = −0.7, w1 = −1.93; d2 = −0.5 − 0.193 = −0.693, buf = −0.63 − 0.693 = −1.323, w2 = −1.7977
            // b=1, g=0.5, no decay: b1 = 0.95; buf = 0.45 + 0.5 = 0.95, b2 = 0.855
            assertArrayEquals(new float[] {0.8266f, -1.7977f}, p.get(0).getArray().toFloatArray(), 1e-5f);
            assertArrayEquals(new float[] {0.855f}, p.get(1).getArray().toFloatArray(), 1e-5f);
        }
    }

    @Test
    void stateRoundTripsThroughCheckpointFormat() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Parameter> p = params(m);
            AdamW a = new AdamW(0.9, 0.999, 1e-8, 0.01, m);
            backward(p, m);
            try (NDManager s = m.newSubManager()) {
                a.step(p, 0.1, s);
            }
            AdamW b = new AdamW(0.9, 0.999, 1e-8, 0.01, m);
            b.loadState(ai.djl.ndarray.NDList.decode(m, a.state().encode()));
            List<Parameter> q = params(m);
            q.get(0).getArray().set(p.get(0).getArray().toFloatArray());
            q.get(1).getArray().set(p.get(1).getArray().toFloatArray());
            backward(p, m);
            backward(q, m);
            try (NDManager s = m.newSubManager()) {
                a.step(p, 0.1, s);
                b.step(q, 0.1, s);
            }
            assertArrayEquals(p.get(0).getArray().toFloatArray(), q.get(0).getArray().toFloatArray(), 0f);
        }
    }
}
