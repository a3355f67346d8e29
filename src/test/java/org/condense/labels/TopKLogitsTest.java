package org.condense.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TopKLogitsTest {

    private static double[] softmax(float[] t, double temperature) {
        double z = 0;
        for (float v : t) {
            z += Math.exp(v / temperature);
        }
        double[] p = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            p[i] = Math.exp(t[i] / temperature) / z;
        }
        return p;
    }

    @Test
    void aTop2RecordKeepsTheTwoLargestAndOneLogitForTheRest() {
        float[] values = new float[3];
        int[] classes = new int[2];
        TopKLogits.keep(new float[] {9, 2, 0, 1, -1}, 1, 4, 2, 1.0, values, classes);
        assertArrayEquals(new int[] {0, 2}, classes);
        assertEquals(2f, values[0]);
        assertEquals(1f, values[1]);
        // ln((e^0 + e^-1) / 2)
        assertEquals(-0.3798855, values[2], 1e-6);
    }

    @Test
    void theSoftTargetOfATop2RecordSpreadsTheRemainingMassUniformly() {
        // a stored record: classes 0 and 2 with logits 2 and 1, the others' logit ln((1 + e^-1) / 2)
        float[] row = new float[4];
        TopKLogits.rebuild(new float[] {2f, 1f, -0.3798855f}, new int[] {0, 2}, 2, 4, row, 0);
        double[] p = softmax(row, 1.0);
        // by hand: the full softmax of (2, 0, 1, -1) gives classes 0 and 2 0.643914 and 0.236883;
        // the other two share 1 - 0.880797 = 0.119203 equally
        assertArrayEquals(new double[] {0.643914, 0.059601, 0.236883, 0.059601}, p, 1e-6);
    }

    @Test
    void atItsTemperatureTheKeptClassesKeepTheirExactProbability() {
        float[] logits = {0.3f, -1.2f, 2.5f, 0.9f, -0.4f, 1.7f};
        double temperature = 4;
        float[] values = new float[4];
        int[] classes = new int[3];
        TopKLogits.keep(logits, 0, 6, 3, temperature, values, classes);
        assertArrayEquals(new int[] {2, 5, 3}, classes);
        float[] row = new float[6];
        TopKLogits.rebuild(values, classes, 3, 6, row, 0);
        double[] full = softmax(logits, temperature);
        double[] rebuilt = softmax(row, temperature);
        double rest = 1 - full[2] - full[5] - full[3];
        for (int c = 0; c < 6; c++) {
            double want = c == 2 || c == 5 || c == 3 ? full[c] : rest / 3;
            assertEquals(want, rebuilt[c], 1e-6, "class " + c);
        }
    }

    @Test
    void tiesGoToTheLowerClass() {
        float[] values = new float[2];
        int[] classes = new int[1];
        TopKLogits.keep(new float[] {1, 3, 3}, 0, 3, 1, 1.0, values, classes);
        assertEquals(1, classes[0]);
    }
}
