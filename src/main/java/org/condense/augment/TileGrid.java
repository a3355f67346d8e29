package org.condense.augment;


/**
 * The f×f tiles of a square image of side {@code size}: tile boundaries at {@code floor(j·size/f)},
 * so the tiles cover the image exactly and differ in side by at most one pixel when f does not
 * divide the size (32 px at f = 3: 10, 11, 11). Tiles are numbered row-major.
 */
public record TileGrid(int size, int factor) {
    public TileGrid {
        if (factor < 1 || size < factor) {
            throw new IllegalArgumentException("cannot cut a " + size + " px image into " + factor + "×" + factor + " tiles");
        }
    }

    public int tiles() {
        return factor * factor;
    }

    /** Start of tile row (or column) {@code j}, for j in 0..f; {@code boundary(f) == size}. */
    public int boundary(int j) {
        return (int) ((long) j * size / factor);
    }

    /** Tile {@code t} (row-major) as a box in the image. */
    public CropBox tile(int t) {
        int row = t / factor;
        int col = t % factor;
        return new CropBox(boundary(row), boundary(col), boundary(row + 1) - boundary(row),
                boundary(col + 1) - boundary(col));
    }

    /** True when every tile has the same shape (f divides the size). */
    public boolean uniform() {
        return size % factor == 0;
    }
}
