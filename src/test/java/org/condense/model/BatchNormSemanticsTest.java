package org.condense.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** Pins down DJL's batch norm so it matches PyTorch's {@code nn.BatchNorm2d(momentum=0.1)}. */
class BatchNormSemanticsTest {

    @Test
    void trainingUpdatesRunningStatsWithPyTorchMomentumAndEvalUsesThem() {
        try (NDManager m = NDManager.newBaseManager()) {
            BatchNorm bn = Layers.batchNorm();
            // one channel, batch of 2 × 2x2: values 1..8, mean 4.5, unbiased var 6
            NDArray x = m.arange(1f, 9f).reshape(2, 1, 2, 2);
            bn.initialize(m, DataType.FLOAT32, x.getShape());
            ParameterStore ps = new ParameterStore(m, false);

            NDArray train = bn.forward(ps, new NDList(x), true).singletonOrThrow();
            // training output uses the batch's biased variance (5.25)
            float[] expectedTrain = new float[8];
            for (int i = 0; i < 8; i++) {
                expectedTrain[i] = (float) ((i + 1 - 4.5) / Math.sqrt(5.25 + 1e-5));
            }
            assertArrayEquals(expectedTrain, train.toFloatArray(), 1e-5f);

            // PyTorch: running = (1 − 0.1)·running + 0.1·batch, with the unbiased batch variance
            float mean = running(bn, Parameter.Type.RUNNING_MEAN);
            float var = running(bn, Parameter.Type.RUNNING_VAR);
            assertArrayEquals(new float[] {0.45f, 0.9f + 0.6f}, new float[] {mean, var}, 1e-5f);

            NDArray eval = bn.forward(ps, new NDList(x), false).singletonOrThrow();
            float[] expectedEval = new float[8];
            for (int i = 0; i < 8; i++) {
                expectedEval[i] = (float) ((i + 1 - mean) / Math.sqrt(var + 1e-5));
            }
            assertArrayEquals(expectedEval, eval.toFloatArray(), 1e-5f);
            // and evaluation leaves the running statistics alone
            assertArrayEquals(new float[] {mean, var},
                    new float[] {running(bn, Parameter.Type.RUNNING_MEAN), running(bn, Parameter.Type.RUNNING_VAR)});
        }
    }

    private static float running(BatchNorm bn, Parameter.Type type) {
        return bn.getDirectParameters().values().stream().filter(p -> p.getType() == type)
                .findFirst().orElseThrow().getArray().getFloat(0);
    }
}
