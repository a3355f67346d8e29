package org.condense.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Entropy and NLL of logit vectors against values computed by hand. */
class PredictiveTest {

    @Test
    void uniformLogitsHaveEntropyLnKWhateverTheirLevel() {
        assertEquals(Math.log(10), Predictive.entropy(new float[10]), 1e-12);
        float[] big = new float[7];
        java.util.Arrays.fill(big, 1000f); // exp(1000) overflows without the shift
        assertEquals(Math.log(7), Predictive.entropy(big), 1e-12);
        assertEquals(Math.log(7), Predictive.nll(big, 3), 1e-12);
    }

    @Test
    void twoClassCaseMatchesTheBinaryEntropy() {
        // softmax(0, ln 3) = (1/4, 3/4)
        float[] z = {0f, (float) Math.log(3)};
        double h = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
        assertEquals(h, Predictive.entropy(z), 1e-7);
        assertEquals(Math.log(4), Predictive.nll(z, 0), 1e-7);
        assertEquals(Math.log(4.0 / 3), Predictive.nll(z, 1), 1e-7);
    }

    @Test
    void aOneHotSoftmaxHasEntropyNearZeroAndNllOfTheOtherClassesNearTheGap() {
        float[] z = {0f, 50f, 0f, 0f};
        double e = Math.exp(-50);
        // p = (e, 1, e, e) / (1 + 3e): H = 3e·(50 + ln(1 + 3e))/(1 + 3e) + ln(1 + 3e)/(1 + 3e) ≈ 153·e^-50
        assertEquals(153 * e, Predictive.entropy(z), 1e-21);
        assertTrue(Predictive.entropy(z) >= 0);
        assertEquals(0, Predictive.nll(z, 1), 1e-15);
        assertEquals(50, Predictive.nll(z, 0), 1e-9);
        float[] hard = {0f, 1000f};
        assertEquals(0, Predictive.entropy(hard));
    }

    @Test
    void offsetsSelectOneRowOfABatch() {
        float[] batch = {5f, 5f, 5f, 0f, 0f, (float) Math.log(3)};
        assertEquals(Math.log(3), Predictive.entropy(batch, 0, 3), 1e-12);
        assertEquals(-(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)), Predictive.entropy(batch, 4, 2), 1e-7);
        assertEquals(Math.log(4), Predictive.nll(batch, 4, 2, 0), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> Predictive.nll(batch, 0, 3, 3));
        assertTrue(Double.isNaN(Predictive.entropy(new float[] {Float.NaN, 0f})));
    }

    @Test
    void runningStatsGiveTheMeanAndPopulationStd() {
        RunningStats s = new RunningStats();
        assertTrue(Double.isNaN(s.mean()));
        for (double x : new double[] {2, 4, 4, 4, 5, 5, 7, 9}) {
            s.add(x);
        }
        assertEquals(8, s.count());
        assertEquals(5, s.mean(), 1e-12);
        assertEquals(2, s.std(), 1e-12);
    }
}
