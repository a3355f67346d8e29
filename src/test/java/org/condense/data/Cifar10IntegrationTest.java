package org.condense.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Against the full official CIFAR-10 found by name (../shared/datasets/cifar10 in CI). */
@Tag("integration")
class Cifar10IntegrationTest {

    static ImageDataset train;

    @BeforeAll
    static void load() {
        train = Datasets.open("cifar10", Split.TRAIN, DataOptions.defaults());
    }

    @Test
    void trainSplitHas5000ImagesPerClass() {
        assertEquals(50_000, train.size());
        int[] expected = new int[10];
        Arrays.fill(expected, 5_000);
        assertArrayEquals(expected, train.classCounts());
        assertEquals(Cifar10Dataset.CLASS_NAMES, train.classNames());
        Cifar10DatasetTest.assertFirstRecords(train);
    }

    @Test
    void testSplitHas10000Images() {
        ImageDataset test = Datasets.open("cifar10", Split.TEST, DataOptions.defaults());
        assertEquals(10_000, test.size());
        assertEquals(3, test.label(0)); // cat
        int[] expected = new int[10];
        Arrays.fill(expected, 1_000);
        assertArrayEquals(expected, test.classCounts());
    }

    @Test
    void fixtureIsTheStartOfTheOfficialFile() throws IOException {
        byte[] fixture = Files.readAllBytes(Fixtures.CIFAR_FIRST20);
        byte[] head;
        try (var in = Files.newInputStream(Datasets.locate("cifar10", DataOptions.defaults())
                .resolve("data_batch_1.bin"))) {
            head = in.readNBytes(fixture.length);
        }
        assertArrayEquals(head, fixture);
    }

    @Test
    void normalizationMatchesThePublishedValues() {
        Normalization n = Normalization.compute(train, Integer.MAX_VALUE);
        assertArrayEquals(new float[] {0.4914f, 0.4822f, 0.4465f}, n.mean(), 1e-4f);
        assertArrayEquals(new float[] {0.2470f, 0.2435f, 0.2616f}, n.std(), 1e-4f);
    }
}
