package org.condense;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.condense.data.InMemoryDataset;

/** Small in-memory datasets with random pixels, for unit tests. */
public final class ToyDataset {
    private ToyDataset() {}

    /** {@code perClass} samples of each of {@code numClasses} classes, interleaved, random pixels. */
    public static InMemoryDataset balanced(int numClasses, int perClass, int channels, int side) {
        int[] labels = new int[numClasses * perClass];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % numClasses;
        }
        byte[] pixels = new byte[labels.length * channels * side * side];
        new Random(42).nextBytes(pixels);
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            classes.add("class" + c);
        }
        return InMemoryDataset.of("toy", classes, channels, side, side, labels, pixels);
    }
}
