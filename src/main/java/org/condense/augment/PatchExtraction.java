package org.condense.augment;

import java.util.random.RandomGenerator;

/**
 * PCA's patch extraction: on a composite of f×f tiles, pick one tile uniformly and
 * RandomResizedCrop inside it only, back to the full size, so a training sample is always one
 * whole source image's content, never a seam between two. Without a crop the whole tile is
 * resized. At f = 1 no tile is drawn, so it is exactly the crop alone.
 */
public final class PatchExtraction implements SampleAugmentation {
    private final int factor;
    private final RandomResizedCrop crop; // null: the whole tile, resized
    private final int outSize;

    /**
     * @param factor tiles per side of the stored images (the manifest's {@code factor})
     * @param crop the crop applied within the tile, or null for the whole tile
     * @param outSize side of the output (the stored image's side)
     */
    public PatchExtraction(int factor, RandomResizedCrop crop, int outSize) {
        if (factor < 1 || outSize < 1) {
            throw new IllegalArgumentException("factor " + factor + ", size " + outSize);
        }
        if (crop != null && (crop.outHeight(outSize, outSize) != outSize || crop.outWidth(outSize, outSize) != outSize)) {
            throw new IllegalArgumentException("the crop must resize to " + outSize);
        }
        this.factor = factor;
        this.crop = crop;
        this.outSize = outSize;
    }

    public int factor() {
        return factor;
    }

    @Override
    public void apply(float[] src, int srcOff, int c, int h, int w, float[] dst, int dstOff, RandomGenerator rng) {
        Checks.shape(c, h, w);
        CropBox tile;
        if (factor == 1) {
            tile = CropBox.whole(h, w);
        } else {
            if (h != w) {
                throw new IllegalArgumentException("composites are square, got " + h + "×" + w);
            }
            TileGrid grid = new TileGrid(h, factor);
            tile = grid.tile(rng.nextInt(grid.tiles()));
        }
        if (crop != null) {
            crop.applyWithin(src, srcOff, c, h, w, tile, dst, dstOff, rng);
        } else {
            Bilinear.cropResize(src, srcOff, c, h, w, tile, dst, dstOff, outSize, outSize);
        }
    }

    @Override
    public int outHeight(int h, int w) {
        return outSize;
    }

    @Override
    public int outWidth(int h, int w) {
        return outSize;
    }

    @Override
    public String toString() {
        return "PatchExtraction[factor=" + factor + ", crop=" + crop + "]";
    }
}
