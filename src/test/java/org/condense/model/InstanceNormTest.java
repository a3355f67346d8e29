package org.condense.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class InstanceNormTest {

    @Test
    void normalisesEachSampleChannelOverHeightAndWidth() {
        try (NDManager m = NDManager.newBaseManager()) {
            InstanceNorm norm = new InstanceNorm();
            // channel 0 = [1,2,3,4], channel 1 = [10,20,30,40]: both have (x−mean)/std equal.
            NDArray x = m.create(new float[] {1, 2, 3, 4, 10, 20, 30, 40}, new Shape(1, 2, 2, 2));
            norm.setInitializer((mm, s, dt) -> mm.create(new float[] {2f, 3f}), Parameter.Type.GAMMA);
            norm.setInitializer((mm, s, dt) -> mm.create(new float[] {0.5f, -1f}), Parameter.Type.BETA);
            norm.initialize(m, DataType.FLOAT32, x.getShape());
            assertEquals(4, norm.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum());

            // mean 2.5, biased var 1.25 (channel 1: mean 25, var 125)
            double s0 = Math.sqrt(1.25 + 1e-5);
            double s1 = Math.sqrt(125 + 1e-5);
            float[] expected = new float[8];
            float[] in = x.toFloatArray();
            for (int i = 0; i < 4; i++) {
                expected[i] = (float) (2 * (in[i] - 2.5) / s0 + 0.5);
                expected[4 + i] = (float) (3 * (in[4 + i] - 25) / s1 - 1);
            }
            for (boolean training : new boolean[] {true, false}) {
                NDArray y = norm.forward(new ParameterStore(m, false), new NDList(x), training).singletonOrThrow();
                assertEquals(x.getShape(), y.getShape());
                assertArrayEquals(expected, y.toFloatArray(), 1e-5f);
            }
        }
    }

    @Test
    void samplesAreNormalisedIndependently() {
        try (NDManager m = NDManager.newBaseManager()) {
            InstanceNorm norm = new InstanceNorm();
            NDArray a = m.randomNormal(new Shape(1, 3, 5, 5));
            NDArray b = m.randomNormal(new Shape(1, 3, 5, 5)).mul(7).add(3);
            NDArray both = a.concat(b, 0);
            norm.initialize(m, DataType.FLOAT32, both.getShape());
            ParameterStore ps = new ParameterStore(m, false);
            NDArray yBoth = norm.forward(ps, new NDList(both), true).singletonOrThrow();
            NDArray yA = norm.forward(ps, new NDList(a), true).singletonOrThrow();
            assertArrayEquals(yA.toFloatArray(), yBoth.get("0:1").toFloatArray(), 1e-5f);
        }
    }
}
