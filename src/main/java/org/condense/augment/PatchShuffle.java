package org.condense.augment;

import java.util.random.RandomGenerator;
import org.condense.random.Permutations;

/**
 * RDED's patch shuffle: the f×f tiles of a composite in a random order (a uniform permutation),
 * the pixels themselves untouched. The recipe follows it with a RandomResizedCrop of scale
 * 1/f–1. Needs equal tiles, i.e. f dividing the image side.
 */
public record PatchShuffle(int factor) implements SampleAugmentation {
    public PatchShuffle {
        if (factor < 1) {
            throw new IllegalArgumentException("factor " + factor);
        }
    }

    @Override
    public void apply(float[] src, int srcOff, int c, int h, int w, float[] dst, int dstOff, RandomGenerator rng) {
        Checks.shape(c, h, w);
        TileGrid grid = new TileGrid(h, factor);
        if (h != w || !grid.uniform()) {
            throw new IllegalArgumentException("patch shuffle needs a square image whose side " + h
                    + " is a multiple of the factor " + factor);
        }
        int[] order = Permutations.random(grid.tiles(), rng);
        int side = h / factor;
        for (int t = 0; t < grid.tiles(); t++) {
            CropBox to = grid.tile(t);
            CropBox from = grid.tile(order[t]);
            for (int ch = 0; ch < c; ch++) {
                int plane = ch * h * w;
                for (int y = 0; y < side; y++) {
                    System.arraycopy(src, srcOff + plane + (from.top() + y) * w + from.left(),
                            dst, dstOff + plane + (to.top() + y) * w + to.left(), side);
                }
            }
        }
    }
}
