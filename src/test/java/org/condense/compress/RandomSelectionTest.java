package org.condense.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.condense.ToyDataset;
import org.condense.data.InMemoryDataset;
import org.condense.UserException;
import org.junit.jupiter.api.Test;

class RandomSelectionTest {
    private final InMemoryDataset toy = ToyDataset.balanced(3, 10, 1, 4);

    private List<CompressedImage> select(int ipc, long seed) {
        return new RandomSelection().compress(new CompressionRequest(toy, ipc, seed, Map.of())).images();
    }

    @Test
    void picksExactlyIpcDistinctImagesOfEachClass() {
        List<CompressedImage> images = select(4, 0);
        assertEquals(12, images.size());
        int[] perClass = new int[3];
        Set<Integer> seen = new HashSet<>();
        for (CompressedImage img : images) {
            int source = img.sources()[0];
            assertEquals(toy.label(source), img.label());
            assertTrue(seen.add(source), "duplicate " + source);
            byte[] expected = new byte[toy.imageBytes()];
            toy.readImage(source, expected);
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(img.pixels()));
            perClass[img.label()]++;
        }
        assertEquals(List.of(4, 4, 4), List.of(perClass[0], perClass[1], perClass[2]));
    }

    @Test
    void sameSeedSameSubsetOtherSeedOtherSubset() {
        assertEquals(sources(select(4, 7)), sources(select(4, 7)));
        assertNotEquals(sources(select(4, 7)), sources(select(4, 8)));
    }

    @Test
    void ipcLargerThanAClassIsAUserError() {
        UserException e = assertThrows(UserException.class, () -> select(11, 0));
        assertTrue(e.getMessage().contains("class 'class0' has only 10"), e.getMessage());
    }

    private static List<Integer> sources(List<CompressedImage> images) {
        return images.stream().map(i -> i.sources()[0]).toList();
    }
}
