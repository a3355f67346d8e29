package org.condense.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.condense.UserException;
import org.junit.jupiter.api.Test;

class LabelSelectTest {

    @Test
    void namesParseAndAnUnknownOneIsAOneLineError() {
        assertSame(LabelSelect.BATCH, LabelSelect.parse("batch"));
        assertSame(LabelSelect.EPOCH, LabelSelect.parse("epoch"));
        assertSame(LabelSelect.BATCH, LabelSelect.parse(null), "none named: the rule every earlier run used");
        UserException e = assertThrows(UserException.class, () -> LabelSelect.parse("entropy"));
        assertEquals("unknown label selection 'entropy'; use one of batch, epoch", e.getMessage());
    }

    @Test
    void batchKeepsTheFirstOneMinusRBatchRecords() {
        // 10 epochs of 5 batches = 50 records
        assertEquals(5, LabelSelect.BATCH.kept(10, 5, 0.9));
        assertEquals(12, LabelSelect.BATCH.kept(10, 5, 0.75), "⌊12.5⌋");
        assertEquals(2, LabelSelect.BATCH.kept(10, 5, 0.95), "⌊2.5⌋");
        assertEquals(50, LabelSelect.BATCH.kept(10, 5, 0));
        assertEquals(4, LabelSelect.BATCH.kept(3, 3, 0.5), "⌊4.5⌋ of 9");
    }

    @Test
    void epochKeepsTheFirstOneMinusROfTheEpochsWhole() {
        assertEquals(5, LabelSelect.EPOCH.kept(10, 5, 0.9), "1 epoch of 5 batches");
        assertEquals(10, LabelSelect.EPOCH.kept(10, 5, 0.75), "⌊2.5⌋ = 2 epochs");
        assertEquals(5, LabelSelect.EPOCH.kept(10, 5, 0.95), "⌊0.5⌋ = 0 epochs, at least one kept");
        assertEquals(50, LabelSelect.EPOCH.kept(10, 5, 0));
        assertEquals(3, LabelSelect.EPOCH.kept(3, 3, 0.5), "⌊1.5⌋ = 1 epoch of 3");
        assertEquals(3000, LabelSelect.EPOCH.kept(300, 100, 0.9), "30 of 300 epochs");
        assertThrows(UserException.class, () -> LabelSelect.EPOCH.kept(10, 5, 1));
    }

    @Test
    void theDefaultDrawIsTheEarlierOneUnchanged() {
        for (int e = 0; e < 20; e++) {
            assertArrayEquals(LabelPruning.draw(7, e, 5, 12), LabelSelect.BATCH.draw(7, e, 5, 12));
        }
    }

    @Test
    void epochReplaysAWholeKeptEpochInOrderFixedBySeed() {
        int batches = 4;
        long pool = LabelSelect.EPOCH.kept(10, batches, 0.7); // 3 epochs: records 0..11
        assertEquals(12, pool);
        int[] chosen = new int[12];
        boolean[] seen = new boolean[3];
        for (int e = 0; e < chosen.length; e++) {
            long[] records = LabelSelect.EPOCH.draw(5, e, batches, pool);
            assertEquals(batches, records.length);
            assertEquals(0, records[0] % batches, "starts at an epoch's first batch: " + Arrays.toString(records));
            for (int b = 1; b < batches; b++) {
                assertEquals(records[0] + b, records[b], "its batches in order");
            }
            chosen[e] = (int) (records[0] / batches);
            assertTrue(chosen[e] < 3, "from the kept epochs only");
            seen[chosen[e]] = true;
            assertArrayEquals(records, LabelSelect.EPOCH.draw(5, e, batches, pool), "the same every time");
        }
        // the draws of seed 5, pinned: a change of the rule or its stream shows here
        assertArrayEquals(new int[] {1, 1, 2, 0, 0, 2, 1, 1, 1, 1, 2, 1}, chosen);
        assertTrue(seen[0] && seen[1] && seen[2], "every kept epoch is drawn");
        int[] other = new int[12];
        for (int e = 0; e < other.length; e++) {
            other[e] = (int) (LabelSelect.EPOCH.draw(6, e, batches, pool)[0] / batches);
        }
        assertFalse(Arrays.equals(chosen, other), "another seed draws other epochs");
    }

    @Test
    void oneKeptEpochIsReplayedEveryEpoch() {
        for (int e = 0; e < 5; e++) {
            assertArrayEquals(new long[] {0, 1, 2}, LabelSelect.EPOCH.draw(9, e, 3, 3));
        }
    }
}
