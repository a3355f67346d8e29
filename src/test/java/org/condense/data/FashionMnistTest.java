package org.condense.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the real Fashion-MNIST of the Debian package dataset-fashion-mnist
 * (/usr/share/datasets/fashion-mnist), found by name; CI installs the package.
 */
class FashionMnistTest {

    static ImageDataset train;

    @BeforeAll
    static void load() {
        train = Datasets.open("fashion-mnist", Split.TRAIN, DataOptions.defaults());
    }

    @Test
    void trainSplitHas6000ImagesPerClass() {
        assertEquals(60_000, train.size());
        int[] expected = new int[10];
        Arrays.fill(expected, 6_000);
        assertArrayEquals(expected, train.classCounts());
        assertEquals(IdxDataset.FASHION_MNIST_CLASSES, train.classNames());
        IdxDatasetTest.assertFirstImages(train);
    }

    @Test
    void testSplitHas1000ImagesPerClass() {
        ImageDataset test = Datasets.open("fashion-mnist", Split.TEST, DataOptions.defaults());
        assertEquals(10_000, test.size());
        int[] expected = new int[10];
        Arrays.fill(expected, 1_000);
        assertArrayEquals(expected, test.classCounts());
        assertEquals(9, test.label(0));
    }

    @Test
    void normalizationMatchesThePublishedValues() {
        Normalization n = Normalization.compute(train, Integer.MAX_VALUE);
        assertArrayEquals(new float[] {0.2860f}, n.mean(), 1e-4f);
        assertArrayEquals(new float[] {0.3530f}, n.std(), 1e-4f);
    }
}
