package org.condense.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class LossesTest {
    @Test
    void klMatchesHandComputedValuesAndAveragesOverBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            // row 0: student [1,2,3], teacher [3,2,1]; row 1: equal logits, KL 0
            NDArray student = m.create(new float[] {1, 2, 3, 0, 0, 0}, new Shape(2, 3));
            NDArray teacher = m.create(new float[] {3, 2, 1, 0, 0, 0}, new Shape(2, 3));
            // Σ p_t(log p_t − log p_s) at T=1 = 2·0.665241 − 2·0.090031 = 1.150421; batch mean halves it
            assertEquals(1.1504207652 / 2, Losses.distillationKl(student, teacher, 1).getFloat(), 1e-6);
            // at T=20 the distributions flatten: 0.0033319452 for row 0
            assertEquals(0.0033319452 / 2, Losses.distillationKl(student, teacher, 20).getFloat(), 1e-7);
        }
    }

    @Test
    void softTargetCrossEntropyIsOrdinaryAndMixedCrossEntropy() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {0, 0, 1, 3}, new Shape(2, 2));
            // row 0: one-hot class 0 on equal logits → ln 2; row 1: 0.25·CE(0) + 0.75·CE(1) = 0.626928
            NDArray targets = m.create(new float[] {1, 0, 0.25f, 0.75f}, new Shape(2, 2));
            assertEquals((0.6931471806 + 0.6269280110) / 2, Losses.softTargetCrossEntropy(logits, targets).getFloat(), 1e-6);
        }
    }

    @Test
    void mseWithCrossEntropyIsMeanSquaredLogitErrorPlusWeightedCrossEntropy() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray student = m.create(new float[] {0, 0, 2, 0}, new Shape(2, 2));
            NDArray teacher = m.create(new float[] {1, 3, 2, 0}, new Shape(2, 2));
            NDArray classes = m.create(new float[] {0, 1, 1, 0}, new Shape(2, 2));
            // MSE over all 4 entries: (1 + 9 + 0 + 0) / 4 = 2.5
            // CE: row 0 class 1 on equal logits ln 2; row 1 class 0, −log(e²/(e²+1)) = 0.126928; mean 0.410038
            assertEquals(2.5 + 0.1 * 0.4100379, Losses.mseWithCrossEntropy(student, teacher, classes, 0.1).getFloat(),
                    1e-6);
            assertEquals(2.5, Losses.mseWithCrossEntropy(student, teacher, classes, 0).getFloat(), 1e-6);
        }
    }
}
