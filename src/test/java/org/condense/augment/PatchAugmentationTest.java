package org.condense.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatchAugmentationTest {
    private static final int C = 3;
    private static final int S = 32;

    /** A composite whose f×f tiles are constant colours: tile t, channel ch = 10·t + ch + 1. */
    private static float[] constantTiles(int factor) {
        TileGrid grid = new TileGrid(S, factor);
        float[] img = new float[C * S * S];
        for (int t = 0; t < grid.tiles(); t++) {
            CropBox b = grid.tile(t);
            for (int ch = 0; ch < C; ch++) {
                for (int y = b.top(); y < b.bottom(); y++) {
                    for (int x = b.left(); x < b.right(); x++) {
                        img[ch * S * S + y * S + x] = 10 * t + ch + 1;
                    }
                }
            }
        }
        return img;
    }

    /** The tile whose colour fills the whole output, or −1 if the output mixes colours. */
    private static int singleTile(float[] out) {
        int t = Math.round((out[0] - 1) / 10);
        for (int ch = 0; ch < C; ch++) {
            for (int i = 0; i < S * S; i++) {
                if (out[ch * S * S + i] != 10 * t + ch + 1) {
                    return -1;
                }
            }
        }
        return t;
    }

    @Test
    void patchExtractionNeverReturnsPixelsFromTwoTiles() {
        for (int factor : new int[] {2, 3}) {
            float[] composite = constantTiles(factor);
            PatchExtraction extract = new PatchExtraction(factor, RandomResizedCrop.standard(S), S);
            int[] counts = new int[factor * factor];
            SplittableRandom rng = new SplittableRandom(7);
            for (int i = 0; i < 900; i++) {
                float[] out = extract.apply(composite, C, S, S, rng);
                int t = singleTile(out);
                assertTrue(t >= 0, "sample " + i + " at factor " + factor + " mixes tiles");
                counts[t]++;
            }
            // each tile drawn about 900/f² times: a uniform choice, not a fixed one
            for (int count : counts) {
                assertTrue(count > 900 / (factor * factor) / 2, Arrays.toString(counts));
            }
        }
    }

    @Test
    void withoutACropTheWholeTileIsResized() {
        float[] out = new PatchExtraction(2, null, S).apply(constantTiles(2), C, S, S, new SplittableRandom(1));
        assertTrue(singleTile(out) >= 0);
    }

    @Test
    void atFactorOneExtractionIsExactlyTheCrop() {
        float[] img = new float[C * S * S];
        SplittableRandom fill = new SplittableRandom(3);
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) fill.nextDouble();
        }
        RandomResizedCrop crop = RandomResizedCrop.standard(S);
        for (long seed = 0; seed < 20; seed++) {
            assertArrayEquals(crop.apply(img, C, S, S, new SplittableRandom(seed)),
                    new PatchExtraction(1, crop, S).apply(img, C, S, S, new SplittableRandom(seed)));
        }
    }

    @Test
    void shuffleKeepsThePixelMultisetAndMovesWholeTiles() {
        float[] composite = constantTiles(2);
        float[] sorted = composite.clone();
        Arrays.sort(sorted);
        PatchShuffle shuffle = new PatchShuffle(2);
        boolean moved = false;
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 20; i++) {
            float[] out = shuffle.apply(composite, C, S, S, rng);
            float[] outSorted = out.clone();
            Arrays.sort(outSorted);
            assertArrayEquals(sorted, outSorted);
            TileGrid grid = new TileGrid(S, 2);
            boolean[] seen = new boolean[4];
            for (int t = 0; t < 4; t++) {
                CropBox b = grid.tile(t);
                int src = Math.round((out[b.top() * S + b.left()] - 1) / 10); // channel 0 colour
                seen[src] = true;
                moved |= src != t;
                for (int y = b.top(); y < b.bottom(); y++) {
                    for (int x = b.left(); x < b.right(); x++) {
                        assertEquals(10 * src + 1, out[y * S + x]);
                    }
                }
            }
            for (boolean s : seen) {
                assertTrue(s);
            }
        }
        assertTrue(moved, "20 shuffles never moved a tile");
    }

    @Test
    void shuffleRefusesTilesOfUnequalSize() {
        assertThrows(IllegalArgumentException.class,
                () -> new PatchShuffle(3).apply(new float[C * S * S], C, S, S, new SplittableRandom(0)));
    }
}
