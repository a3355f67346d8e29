package org.condense.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void exactStatisticsOfAHandMadeDataset() {
        // Channel 0 takes 0 and 255 equally often: mean 0.5, std 0.5.
        // Channel 1 takes 51 and 102 (0.2 and 0.4) equally often: mean 0.3, std 0.1.
        ArrayDataset ds = new ArrayDataset(2, 1, 2, new int[] {0, 1},
                new int[][] {{0, 255, 51, 51}, {255, 0, 102, 102}});
        Normalization n = Normalization.compute(ds, 100);
        assertArrayEquals(new float[] {0.5f, 0.3f}, n.mean(), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 0.1f}, n.std(), 1e-6f);

        float[] out = new float[4];
        n.apply(ds.bytes(0), out);
        assertArrayEquals(new float[] {-1f, 1f, -1f, -1f}, out, 1e-5f);
        float[] shifted = new float[6];
        n.apply(ds.bytes(1), shifted, 2);
        assertArrayEquals(new float[] {0, 0, 1f, -1f, 1f, 1f}, shifted, 1e-5f);
    }

    @Test
    void samplesAreEvenlySpaced() {
        // Four constant images 0, 10, 20, 30; two samples must be images 0 and 2 → mean 10/255.
        ArrayDataset ds = new ArrayDataset(1, 1, 1, new int[] {0, 0, 0, 0}, new int[][] {{0}, {10}, {20}, {30}});
        Normalization n = Normalization.compute(ds, 2);
        assertEquals(10f / 255, n.mean()[0], 1e-7f);
        assertEquals(10f / 255, n.std()[0], 1e-7f);
    }

    @Test
    void constantChannelGetsUnitStd() {
        ArrayDataset ds = new ArrayDataset(1, 1, 2, new int[] {0}, new int[][] {{7, 7}});
        assertEquals(1f, Normalization.compute(ds, 10).std()[0]);
    }

    @Test
    void rejectsMismatchedOrNonPositiveValues() {
        assertThrows(IllegalArgumentException.class,
                () -> new Normalization(new float[] {0.5f}, new float[] {0.1f, 0.2f}));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[] {0.5f}, new float[] {0}));
    }

    @Test
    void valueSemantics() {
        Normalization a = new Normalization(new float[] {0.5f}, new float[] {0.25f});
        assertEquals(a, new Normalization(new float[] {0.5f}, new float[] {0.25f}));
        a.mean()[0] = 9; // the accessor hands out a copy
        assertEquals(0.5f, a.mean()[0]);
    }
}
