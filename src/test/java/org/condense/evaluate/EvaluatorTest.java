package org.condense.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EvaluatorTest {
    @Test
    void rankCountsStrictlyHigherLogits() {
        float[] logits = {0.1f, 0.9f, 0.5f, 0.5f, 0.2f, 0.3f};
        assertEquals(0, Evaluator.rankOfLabel(logits, 0, 6, 1));
        assertEquals(1, Evaluator.rankOfLabel(logits, 0, 6, 2));
        assertEquals(1, Evaluator.rankOfLabel(logits, 0, 6, 3)); // a tie does not count against the label
        assertEquals(5, Evaluator.rankOfLabel(logits, 0, 6, 0));
        assertEquals(0, Evaluator.rankOfLabel(logits, 3, 3, 0)); // second row of a 2×3 batch: [0.5, 0.2, 0.3]
    }

    @Test
    void statsUsePopulationStd() {
        assertEquals(2.0, Stats.mean(java.util.List.of(1.0, 2.0, 3.0)));
        assertEquals(Math.sqrt(2.0 / 3.0), Stats.std(java.util.List.of(1.0, 2.0, 3.0)), 1e-12);
    }
}
