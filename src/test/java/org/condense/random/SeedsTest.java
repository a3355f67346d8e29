package org.condense.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.condense.augment.AugmentPipeline;
import org.condense.augment.CutMix;
import org.condense.augment.Cutout;
import org.condense.augment.HorizontalFlip;
import org.condense.augment.MixResult;
import org.condense.augment.RandomResizedCrop;
import org.junit.jupiter.api.Test;

class SeedsTest {

    private static long[] firstLongs(RandomGenerator rng, int k) {
        long[] out = new long[k];
        for (int i = 0; i < k; i++) {
            out[i] = rng.nextLong();
        }
        return out;
    }

    @Test
    void sameKeySameStream() {
        assertArrayEquals(firstLongs(Seeds.forSample(7, 3, 1234), 16), firstLongs(Seeds.forSample(7, 3, 1234), 16));
        assertArrayEquals(firstLongs(Seeds.forBatch(7, 3, 12), 16), firstLongs(Seeds.forBatch(7, 3, 12), 16));
    }

    @Test
    void streamsDifferAcrossSeedsEpochsPositions() {
        Set<Long> firsts = new HashSet<>();
        int count = 0;
        for (long seed = 0; seed < 3; seed++) {
            for (int epoch = 0; epoch < 10; epoch++) {
                for (int pos = 0; pos < 500; pos++) {
                    firsts.add(Seeds.forSample(seed, epoch, pos).nextLong());
                    firsts.add(Seeds.forBatch(seed, epoch, pos).nextLong());
                    count += 2;
                }
            }
        }
        assertEquals(count, firsts.size(), "every (kind, seed, epoch, position) gets its own stream");
        // swapping epoch and position must not collide either
        assertNotEquals(Seeds.forSample(1, 2, 3).nextLong(), Seeds.forSample(1, 3, 2).nextLong());
    }

    @Test
    void neighbouringStreamsAreNotShiftedCopies() {
        long[] a = firstLongs(Seeds.forSample(0, 0, 0), 64);
        long[] b = firstLongs(Seeds.forSample(0, 0, 1), 64);
        Set<Long> inA = new HashSet<>();
        for (long v : a) {
            inA.add(v);
        }
        for (long v : b) {
            assertFalse(inA.contains(v));
        }
    }

    /** End to end: the same key gives the same augmented sample and batch; another key does not. */
    @Test
    void augmentationIsReproducibleFromSeeds() {
        int c = 3, h = 10, w = 10, n = 4;
        float[] img = new float[c * h * w];
        for (int i = 0; i < img.length; i++) {
            img[i] = i % 7 - 3f;
        }
        AugmentPipeline p = AugmentPipeline.of(RandomResizedCrop.standard(8), new HorizontalFlip(),
                Cutout.ofFraction(0.5, 1));
        float[] a = p.apply(img, c, h, w, Seeds.forSample(5, 1, 9));
        assertArrayEquals(a, p.apply(img, c, h, w, Seeds.forSample(5, 1, 9)));
        assertFalse(java.util.Arrays.equals(a, p.apply(img, c, h, w, Seeds.forSample(5, 1, 10))));
        assertFalse(java.util.Arrays.equals(a, p.apply(img, c, h, w, Seeds.forSample(5, 2, 9))));

        float[] batch1 = new float[n * a.length];
        float[] batch2 = new float[n * a.length];
        for (int s = 0; s < n; s++) {
            System.arraycopy(p.apply(img, c, h, w, Seeds.forSample(5, 1, s)), 0, batch1, s * a.length, a.length);
        }
        System.arraycopy(batch1, 0, batch2, 0, batch1.length);
        MixResult r1 = new CutMix().apply(batch1, n, c, 8, 8, Seeds.forBatch(5, 1, 0));
        MixResult r2 = new CutMix().apply(batch2, n, c, 8, 8, Seeds.forBatch(5, 1, 0));
        assertArrayEquals(batch1, batch2);
        assertArrayEquals(r1.permutation(), r2.permutation());
        assertEquals(r1.lambda(), r2.lambda());
    }
}
