package org.condense.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeacherEnsembleTest {
    @Test
    void eachTeacherIsScaledToTheMeanFrobeniusNormOverTheBatchThenAveraged() {
        try (NDManager m = NDManager.newBaseManager()) {
            // A: ‖A‖_F = 5, B: ‖B‖_F = 10, common norm 7.5 → A·1.5 and B·0.75
            NDArray a = m.create(new float[] {3, 0, 0, 4}, new Shape(2, 2));
            NDArray b = m.create(new float[] {0, 0, 0, 10}, new Shape(2, 2));
            // mean of [[4.5, 0], [0, 6]] and [[0, 0], [0, 7.5]]; a per-row norm would give other numbers
            assertArrayEquals(new float[] {2.25f, 0, 0, 6.75f}, TeacherEnsemble.rescaledMean(List.of(a, b)).toFloatArray(),
                    1e-6f);
        }
    }

    @Test
    void teachersOfEqualNormAreSimplyAveragedAndOneTeacherIsUnchanged() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {3, 4}, new Shape(1, 2));
            NDArray b = m.create(new float[] {4, -3}, new Shape(1, 2));
            assertArrayEquals(new float[] {3.5f, 0.5f}, TeacherEnsemble.rescaledMean(List.of(a, b)).toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {3, 4}, TeacherEnsemble.rescaledMean(List.of(a)).toFloatArray());
            assertArrayEquals(new float[] {3, 4}, TeacherEnsemble.rescaledMean(List.of(a, a, a)).toFloatArray(), 1e-6f);
        }
    }
}
