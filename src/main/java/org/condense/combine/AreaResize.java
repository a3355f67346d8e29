package org.condense.combine;

/**
 * Downsizing by averaging each output pixel's footprint, as PyTorch's
 * {@code F.interpolate(mode='area')} (adaptive average pooling): output row i averages source
 * rows {@code floor(i·h/oh)} to {@code ceil((i+1)·h/oh)}, columns likewise. It never aliases, and
 * at an integer factor it is the plain block mean (2×2 for a 2×2 composite), so a tile keeps the
 * whole image rather than every other pixel. Results are rounded to the nearest byte value.
 */
public final class AreaResize {
    private AreaResize() {}

    /**
     * Resizes a {@code c×h×w} uint8 CHW image into a {@code c×oh×ow} window of {@code dst}, a
     * {@code c×dstH×dstW} image, with its top-left corner at ({@code top}, {@code left}).
     */
    public static void into(byte[] src, int c, int h, int w, byte[] dst, int dstH, int dstW, int top, int left,
            int oh, int ow) {
        if (top < 0 || left < 0 || top + oh > dstH || left + ow > dstW || oh < 1 || ow < 1) {
            throw new IllegalArgumentException("window " + oh + "x" + ow + " at (" + top + "," + left
                    + ") outside " + dstH + "x" + dstW);
        }
        for (int ch = 0; ch < c; ch++) {
            int srcPlane = ch * h * w;
            int dstPlane = ch * dstH * dstW;
            for (int i = 0; i < oh; i++) {
                int r0 = (int) ((long) i * h / oh);
                int r1 = (int) (((long) (i + 1) * h + oh - 1) / oh);
                for (int j = 0; j < ow; j++) {
                    int c0 = (int) ((long) j * w / ow);
                    int c1 = (int) (((long) (j + 1) * w + ow - 1) / ow);
                    long sum = 0;
                    for (int r = r0; r < r1; r++) {
                        for (int col = c0; col < c1; col++) {
                            sum += src[srcPlane + r * w + col] & 0xFF;
                        }
                    }
                    long n = (long) (r1 - r0) * (c1 - c0);
                    dst[dstPlane + (top + i) * dstW + left + j] = (byte) ((2 * sum + n) / (2 * n)); // round half up
                }
            }
        }
    }
}
