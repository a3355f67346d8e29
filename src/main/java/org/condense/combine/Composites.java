package org.condense.combine;

import java.util.List;
import org.condense.augment.TileGrid;

/**
 * PCA's Combine step: f² whole images of one class, each shrunk to its tile (no cropping), laid
 * out row-major in one image of the original size.
 */
public final class Composites {
    private Composites() {}

    /**
     * Which ranked images go into which composite: with n composites, composite k takes the
     * images at ranks k, n+k, 2n+k, … (row-major), so easy and less easy images share a
     * composite rather than the easiest f² filling the first one.
     *
     * @param ranked a class's images, best first; its length must be n·f²
     * @return {@code [n][f²]} source entries, tile order row-major
     */
    public static int[][] arrange(int[] ranked, int composites, int factor) {
        int tiles = factor * factor;
        if (composites < 1 || ranked.length != composites * tiles) {
            throw new IllegalArgumentException(ranked.length + " images for " + composites + " composites of "
                    + tiles + " tiles");
        }
        int[][] out = new int[composites][tiles];
        for (int k = 0; k < composites; k++) {
            for (int t = 0; t < tiles; t++) {
                out[k][t] = ranked[t * composites + k];
            }
        }
        return out;
    }

    /**
     * Builds one composite from {@code f²} images, each a {@code c×size×size} uint8 CHW array,
     * given in row-major tile order.
     */
    public static byte[] combine(List<byte[]> images, int c, int size, int factor) {
        return combine(images, c, size, size, factor);
    }

    /**
     * Builds one {@code c×size×size} composite from {@code f²} square images of side
     * {@code srcSize} (row-major tile order), each area-resized to its tile: whole images
     * ({@code srcSize = size}, PCA) or patches already cut at about the tile size (RDED's crops of
     * side ⌊size/f⌋, copied unchanged into tiles of that size).
     */
    public static byte[] combine(List<byte[]> images, int c, int srcSize, int size, int factor) {
        TileGrid grid = new TileGrid(size, factor);
        if (images.size() != grid.tiles()) {
            throw new IllegalArgumentException(images.size() + " images for " + grid.tiles() + " tiles");
        }
        byte[] out = new byte[c * size * size];
        int srcBytes = c * srcSize * srcSize;
        for (int t = 0; t < grid.tiles(); t++) {
            byte[] image = images.get(t);
            if (image.length != srcBytes) {
                throw new IllegalArgumentException("image " + t + " has " + image.length + " bytes, not " + srcBytes);
            }
            var box = grid.tile(t);
            AreaResize.into(image, c, srcSize, srcSize, out, size, size, box.top(), box.left(), box.height(), box.width());
        }
        return out;
    }
}
