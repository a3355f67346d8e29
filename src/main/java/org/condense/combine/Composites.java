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
        TileGrid grid = new TileGrid(size, factor);
        if (images.size() != grid.tiles()) {
            throw new IllegalArgumentException(images.size() + " images for " + grid.tiles() + " tiles");
        }
        byte[] out = new byte[c * size * size];
        for (int t = 0; t < grid.tiles(); t++) {
            byte[] image = images.get(t);
            if (image.length != out.length) {
                throw new IllegalArgumentException("image " + t + " has " + image.length + " bytes, not " + out.length);
            }
            var box = grid.tile(t);
            AreaResize.into(image, c, size, size, out, size, size, box.top(), box.left(), box.height(), box.width());
        }
        return out;
    }
}
