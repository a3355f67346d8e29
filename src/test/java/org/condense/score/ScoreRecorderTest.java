package org.condense.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each score on hand-written logits; expected values worked out in the comments. */
class ScoreRecorderTest {
    private static final float LN2 = (float) Math.log(2);
    private static final float[] RIGHT = {1, 0};
    private static final float[] WRONG = {0, 1};
    private static final float[] TIE = {0.5f, 0.5f};

    @Test
    void el2nSumsTheFirstKEpochsOnly() {
        ScoreRecorder r = new ScoreRecorder(2, 2, 3);
        // sample 0, label 0, logits (ln2, 0, 0): p = (1/2, 1/4, 1/4), p − onehot = (−1/2, 1/4, 1/4), norm √(3/8)
        // sample 1, label 2, logits (0, 0, 0): p = 1/3 each, p − onehot = (1/3, 1/3, −2/3), norm √6/3
        float[] early = {LN2, 0, 0, 0, 0, 0};
        r.observe(0, new int[] {0, 1}, new int[] {0, 2}, early);
        r.observe(1, new int[] {1, 0}, new int[] {2, 0}, new float[] {0, 0, 0, LN2, 0, 0});
        // epoch 2 ≥ K: very wrong logits that must not count
        r.observe(2, new int[] {0, 1}, new int[] {0, 2}, new float[] {0, 20, 0, 0, 20, 0});
        double[] el2n = r.scores(false, false).column(Scores.EL2N);
        assertEquals(2 * Math.sqrt(3.0 / 8), el2n[0], 1e-6);
        assertEquals(2 * Math.sqrt(6) / 3, el2n[1], 1e-6);
    }

    @Test
    void forgettingCountsCorrectToIncorrectAndRanksNeverLearnedHighest() {
        float[][][] sequences = {
            {RIGHT, WRONG, RIGHT, WRONG}, // 2 forgetting events
            {WRONG, WRONG, WRONG, WRONG}, // never learned
            {WRONG, RIGHT, RIGHT, RIGHT}, // learned once, never forgotten: 0
            {RIGHT, RIGHT, RIGHT, WRONG}, // 1
            {RIGHT, TIE, RIGHT, RIGHT},   // a tie is not correct (margin 0): 1
        };
        ScoreRecorder r = record(sequences);
        assertArrayEquals(new double[] {2, 4, 0, 1, 1}, r.scores(false, false).column(Scores.FORGETTING));
        // the CCS code's convention: never-learned samples have no forgetting event
        assertArrayEquals(new double[] {2, 0, 0, 1, 1}, r.scores(true, false).column(Scores.FORGETTING));
        // training accuracy per epoch: correct observations / observations
        assertEquals(3.0 / 5, r.trainAccuracy(0));
        assertEquals(2.0 / 5, r.trainAccuracy(1));
        assertEquals(4.0 / 5, r.trainAccuracy(2));
        assertEquals(2.0 / 5, r.trainAccuracy(3));
        assertEquals(20, r.observations());
    }

    @Test
    void aumIsTheMeanMarginOfLogitsOrProbabilities() {
        ScoreRecorder r = new ScoreRecorder(1, 1, 2);
        // label 1. Epoch 0: logits (ln2, 0, 0): margin 0 − ln2; p = (1/2, 1/4, 1/4): 1/4 − 1/2 = −1/4
        r.observe(0, new int[] {0}, new int[] {1}, new float[] {LN2, 0, 0});
        // epoch 1: logits (0, ln6, ln2): margin ln6 − ln2 = ln3; p ∝ (1, 6, 2)/9: 6/9 − 2/9 = 4/9
        r.observe(1, new int[] {0}, new int[] {1}, new float[] {0, (float) Math.log(6), (float) Math.log(2)});
        assertEquals((Math.log(3) - Math.log(2)) / 2, r.scores(false, false).column(Scores.AUM)[0], 1e-6);
        assertEquals((-0.25 + 4.0 / 9) / 2, r.scores(false, true).column(Scores.AUM)[0], 1e-6);
    }

    @Test
    void stateRoundTripsExactlyAndRefusesAnotherShape() throws IOException {
        ScoreRecorder r = record(new float[][][] {{RIGHT, WRONG}, {WRONG, TIE}, {RIGHT, RIGHT}});
        byte[] saved = save(r);
        ScoreRecorder copy = new ScoreRecorder(3, 1, 2);
        copy.load(new ByteArrayInputStream(saved));
        assertArrayEquals(saved, save(copy));
        for (String name : Scores.NAMES) {
            assertArrayEquals(r.scores(false, true).column(name), copy.scores(false, true).column(name));
        }
        assertThrows(IOException.class, () -> new ScoreRecorder(4, 1, 2).load(new ByteArrayInputStream(saved)));
    }

    @Test
    void unseenSampleHasNoScore() {
        ScoreRecorder r = new ScoreRecorder(2, 1, 1);
        r.observe(0, new int[] {0}, new int[] {0}, RIGHT);
        assertThrows(IllegalStateException.class, () -> r.scores(false, false));
    }

    @Test
    void runsAverageSampleBySample() {
        Scores a = record(new float[][][] {{RIGHT, WRONG}, {RIGHT, RIGHT}}).scores(false, false);
        Scores b = record(new float[][][] {{RIGHT, RIGHT}, {WRONG, WRONG}}).scores(false, false);
        Scores mean = Scores.mean(List.of(a, b));
        // forgetting: run a (1, 0), run b (0, never learned = 2 observations)
        assertArrayEquals(new double[] {0.5, 1.0}, mean.column(Scores.FORGETTING));
        assertEquals((a.column(Scores.AUM)[1] + b.column(Scores.AUM)[1]) / 2, mean.column(Scores.AUM)[1]);
    }

    /** sequences[sample][epoch] = that sample's logits (label 0) in that epoch, one batch per epoch. */
    private static ScoreRecorder record(float[][][] sequences) {
        int n = sequences.length;
        int epochs = sequences[0].length;
        ScoreRecorder r = new ScoreRecorder(n, 1, epochs);
        for (int e = 0; e < epochs; e++) {
            int[] indices = new int[n];
            float[] logits = new float[2 * n];
            for (int i = 0; i < n; i++) {
                indices[i] = i;
                System.arraycopy(sequences[i][e], 0, logits, 2 * i, 2);
            }
            r.observe(e, indices, new int[n], logits);
        }
        return r;
    }

    private static byte[] save(ScoreRecorder r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.save(out);
        return out.toByteArray();
    }
}
