package org.condense.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.condense.ToyDataset;
import org.condense.model.NetworkSpec;
import org.condense.model.Networks;
import org.condense.train.Teacher;
import org.junit.jupiter.api.Test;

/** DWA's weight adjustment: steps of length ρ/K over all trainable weights, undone bit for bit. */
class DirectedWeightAdjustmentTest {

    @Test
    void oneStepMovesTheWeightsByRhoAndRestoreUndoesItExactly() {
        check(1, 0.015);
    }

    @Test
    void twelveStepsOfRhoOverKMoveTheWeightsByAtMostRho() {
        check(12, 0.015);
    }

    private static void check(int steps, double rho) {
        NetworkSpec spec = DistillFixtures.spec(ToyDataset.balanced(3, 1, 3, 8), "batch");
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Networks.create(spec);
            Networks.initialize(block, m, spec, 5);
            block.freezeParameters(true); // as DistillTeacher loads it
            Teacher teacher = new Teacher(block, new ParameterStore(m, false));
            List<float[]> before = all(block);
            DirectedWeightAdjustment dwa = new DirectedWeightAdjustment(steps, rho);
            dwa.open(teacher, m);
            NDArray view = m.randomNormal(new Shape(3, 3, 8, 8));
            NDArray targets = m.eye(3);
            dwa.adjust(teacher, new ParameterStore(m, false), view, targets, m);

            List<float[]> after = all(block);
            double moved = 0;
            int trainable = 0;
            List<Pair<String, Parameter>> params = new ArrayList<>();
            block.getParameters().forEach(params::add);
            for (int i = 0; i < params.size(); i++) {
                double d = 0;
                for (int j = 0; j < before.get(i).length; j++) {
                    double diff = (double) after.get(i)[j] - before.get(i)[j];
                    d += diff * diff;
                }
                if (DirectedWeightAdjustment.isWeight(params.get(i).getValue())) {
                    moved += d;
                    trainable++;
                } else {
                    assertEquals(0, d, "running statistics " + params.get(i).getKey() + " stay");
                }
            }
            assertEquals(dwa.weights().size(), trainable);
            assertTrue(trainable >= 6, "conv weights, BN γ/β, fc: " + trainable);
            assertEquals(steps, dwa.stepNorms().size());
            for (double step : dwa.stepNorms()) {
                assertEquals(rho / steps, step, 1e-4 * rho / steps, "each step moves ρ/K");
            }
            double total = Math.sqrt(moved);
            if (steps == 1) {
                assertEquals(rho, total, 1e-4 * rho, "one step moves exactly ρ");
            } else {
                assertTrue(total <= rho * (1 + 1e-4) && total > rho / steps, "moved " + total);
            }
            for (Pair<String, Parameter> p : params) {
                assertTrue(!p.getValue().getArray().hasGradient(), p.getKey() + " frozen again");
            }

            dwa.restore();
            List<float[]> restored = all(block);
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), restored.get(i), params.get(i).getKey() + " restored bit for bit");
            }
        }
    }

    private static List<float[]> all(Block block) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }
}
