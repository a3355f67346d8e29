package org.condense.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SubsetTest {

    private final ArrayDataset source = new ArrayDataset(1, 1, 1, new int[] {0, 1, 2, 1},
            new int[][] {{10}, {11}, {12}, {13}});

    @Test
    void viewsTheChosenSamplesInOrder() {
        int[] chosen = {3, 0, 3};
        Subset s = new Subset(source, chosen);
        chosen[0] = 1; // the subset keeps its own copy
        assertEquals(3, s.size());
        assertEquals(3, s.numClasses());
        assertArrayEquals(new int[] {1, 0, 1}, new int[] {s.label(0), s.label(1), s.label(2)});
        byte[] img = new byte[1];
        s.readImage(0, img);
        assertEquals(13, img[0]);
        assertEquals(3, s.sourceIndex(2));
        assertArrayEquals(new int[] {3, 0, 3}, s.sourceIndices());
        assertArrayEquals(new int[] {1, 2, 0}, s.classCounts());
        assertEquals(source.imageBytes(), s.imageBytes());
    }

    @Test
    void rejectsIndicesOutsideTheSource() {
        assertThrows(IndexOutOfBoundsException.class, () -> new Subset(source, new int[] {4}));
        assertThrows(IndexOutOfBoundsException.class, () -> new Subset(source, new int[] {-1}));
    }
}
