package org.condense.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.condense.ToyDataset;
import org.condense.augment.CutMix;
import org.condense.augment.MixResult;
import org.condense.augment.RandomResizedCrop;
import org.condense.data.InMemoryDataset;
import org.condense.data.Normalization;
import org.condense.random.Permutations;
import org.condense.random.Seeds;
import org.junit.jupiter.api.Test;

class BatchLoaderTest {
    private final InMemoryDataset toy = ToyDataset.balanced(3, 7, 3, 8);
    private final Normalization norm = new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});

    private List<Batch> epoch(long seed, int epoch, boolean augment) {
        int[] order = Permutations.random(toy.size(), Seeds.forEpochOrder(seed, epoch));
        List<Batch> out = new ArrayList<>();
        try (BatchLoader loader = new BatchLoader(toy, norm, order, 5, augment ? RandomResizedCrop.standard(8) : null,
                augment ? new CutMix(1, 1) : null, seed, epoch)) {
            loader.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void visitsEverySampleOnceWithALastPartialBatch() {
        List<Batch> batches = epoch(0, 0, false);
        assertEquals(List.of(5, 5, 5, 5, 1), batches.stream().map(Batch::size).toList());
        int[] perClass = new int[3];
        for (Batch b : batches) {
            for (int y : b.labels()) {
                perClass[y]++;
            }
        }
        assertArrayEquals(new int[] {7, 7, 7}, perClass);
    }

    @Test
    void normalisesPixels() {
        int[] order = {0};
        try (BatchLoader loader = new BatchLoader(toy, norm, order, 1, null, null, 0, 0)) {
            Batch b = loader.next();
            byte[] raw = new byte[toy.imageBytes()];
            toy.readImage(0, raw);
            assertEquals(((raw[0] & 0xFF) / 255f - 0.5f) / 0.25f, b.images()[0], 1e-6f);
            assertArrayEquals(new float[] {1, 0, 0}, b.targets());
        }
    }

    @Test
    void sameSeedSameBatchesOtherEpochOtherBatches() {
        List<Batch> a = epoch(3, 1, true);
        List<Batch> b = epoch(3, 1, true);
        List<Batch> c = epoch(3, 2, true);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).images(), b.get(i).images());
            assertArrayEquals(a.get(i).targets(), b.get(i).targets());
        }
        assertEquals(false, java.util.Arrays.equals(a.get(0).images(), c.get(0).images()));
    }

    @Test
    void mixedTargetsWeightBothLabels() {
        MixResult mix = new MixResult(new int[] {1, 0}, 0.25f);
        assertArrayEquals(new float[] {0.25f, 0, 0.75f, 0.75f, 0, 0.25f}, BatchLoader.targets(new int[] {0, 2}, 3, mix));
        assertArrayEquals(new float[] {0, 1, 1, 0}, BatchLoader.targets(new int[] {1, 0}, 2, null));
    }
}
