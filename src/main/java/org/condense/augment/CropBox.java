package org.condense.augment;

/**
 * A rectangle of pixels: rows {@code [top, top+height)}, columns {@code [left, left+width)}.
 * An empty box (zero height or width) is allowed because CutMix and Cutout may clip to nothing.
 */
public record CropBox(int top, int left, int height, int width) {

    public CropBox {
        if (top < 0 || left < 0 || height < 0 || width < 0) {
            throw new IllegalArgumentException("negative crop box " + describe(top, left, height, width));
        }
    }

    /** The whole {@code h×w} image. */
    public static CropBox whole(int h, int w) {
        return new CropBox(0, 0, h, w);
    }

    /** First row below the box. */
    public int bottom() {
        return top + height;
    }

    /** First column right of the box. */
    public int right() {
        return left + width;
    }

    public int area() {
        return height * width;
    }

    public boolean isEmpty() {
        return height == 0 || width == 0;
    }

    /** Whether the box lies inside an {@code h×w} image. */
    public boolean fitsIn(int h, int w) {
        return bottom() <= h && right() <= w;
    }

    /** This box moved by ({@code dy}, {@code dx}): maps a box sampled in a sub-region back to the image. */
    public CropBox offset(int dy, int dx) {
        return new CropBox(top + dy, left + dx, height, width);
    }

    private static String describe(int top, int left, int height, int width) {
        return "(top " + top + ", left " + left + ", " + height + "×" + width + ")";
    }
}
