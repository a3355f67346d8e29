package org.condense.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

class GradientFlowTest {

    @Test
    void everyConvNetParameterAndTheInputGetAGradient() {
        NetworkSpec spec = NetworkSpec.of("convnet", 3, 32, 10).withNorm("none");
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = backward(spec, m);
            for (Pair<String, Parameter> p : block.getParameters()) {
                assertTrue(gradNorm(p.getValue()) > 0, p.getKey() + " got no gradient");
            }
        }
    }

    @Test
    void instanceNormConvNetGradientsReachEveryWeightAndNorm() {
        NetworkSpec spec = NetworkSpec.of("convnet", 3, 32, 10);
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = backward(spec, m);
            for (Pair<String, Parameter> p : block.getParameters()) {
                double g = gradNorm(p.getValue());
                if (p.getKey().matches(".*Conv2d_bias")) {
                    // A per-channel constant before instance norm is removed by the mean
                    // subtraction: its gradient is zero in exact arithmetic (as in PyTorch).
                    assertTrue(g < 1e-4, p.getKey() + " gradient " + g);
                } else {
                    assertTrue(g > 1e-6, p.getKey() + " got no gradient");
                }
            }
        }
    }

    /** One forward/backward in training mode, loss = Σ out·r for a fixed random r. */
    private static Block backward(NetworkSpec spec, NDManager m) {
        Block block = Networks.create(spec);
        Networks.initialize(block, m, spec, 3);
        try (NDManager step = m.newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = step.randomNormal(Networks.inputShape(spec, 4));
            x.setRequiresGradient(true);
            NDArray out = block.forward(new ParameterStore(step, false), new NDList(x), true).singletonOrThrow();
            NDArray r = step.randomNormal(out.getShape());
            gc.backward(out.mul(r).sum());
            assertTrue(x.getGradient().abs().sum().getFloat() > 0, "input got no gradient");
        }
        return block;
    }

    private static double gradNorm(Parameter p) {
        try (NDArray g = p.getArray().getGradient()) {
            return g.abs().sum().getFloat();
        }
    }
}
