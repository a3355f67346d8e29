package org.condense.augment;

import java.util.random.RandomGenerator;

/**
 * Mirrors the image left–right with probability {@code p} (torchvision's
 * {@code RandomHorizontalFlip}). Always draws one number, flipping or not, so later steps see
 * the same random stream whatever {@code p} is.
 */
public record HorizontalFlip(double p) implements SampleAugmentation {

    public HorizontalFlip {
        Checks.probability("flip probability", p);
    }

    /** p = 0.5. */
    public HorizontalFlip() {
        this(0.5);
    }

    @Override
    public void apply(float[] src, int srcOff, int c, int h, int w, float[] dst, int dstOff, RandomGenerator rng) {
        Checks.shape(c, h, w);
        Checks.fits("source", src, srcOff, (long) c * h * w);
        Checks.fits("destination", dst, dstOff, (long) c * h * w);
        if (rng.nextDouble() < p) {
            flip(src, srcOff, c, h, w, dst, dstOff);
        } else if (src != dst || srcOff != dstOff) {
            System.arraycopy(src, srcOff, dst, dstOff, c * h * w);
        }
    }

    /** Unconditional flip; swaps pairs, so {@code src == dst} at the same offset works. */
    public static void flip(float[] src, int srcOff, int c, int h, int w, float[] dst, int dstOff) {
        int rows = c * h;
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * w;
            int d = dstOff + r * w;
            for (int x = 0, y = w - 1; x <= y; x++, y--) {
                float a = src[s + x];
                float b = src[s + y];
                dst[d + x] = b;
                dst[d + y] = a;
            }
        }
    }

    @Override
    public boolean inPlace() {
        return true;
    }
}
