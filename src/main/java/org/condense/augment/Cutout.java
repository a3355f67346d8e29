package org.condense.augment;

import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Cutout (DeVries &amp; Taylor, 2017): with probability {@code p}, sets a square of side
 * {@code side} centred at a uniformly chosen pixel to 0 in every channel, clipped at the borders.
 *
 * <p>Images here are already normalised, so 0 is the dataset mean, exactly as the reference code
 * applies its mask after {@code Normalize}. The reference spans {@code [c − side//2, c + side//2)}
 * which is {@code side − 1} wide for odd sides; here the square starts at {@code c − side/2} and
 * is always {@code side} wide (identical for even sides).
 */
public final class Cutout implements SampleAugmentation {
    private final int pixels;      // > 0 when the side is absolute
    private final double fraction; // > 0 when the side is relative to the shorter image side
    private final double p;

    private Cutout(int pixels, double fraction, double p) {
        Checks.probability("cutout probability", p);
        this.pixels = pixels;
        this.fraction = fraction;
        this.p = p;
    }

    /** A square of {@code side} pixels. */
    public static Cutout ofPixels(int side, double p) {
        if (side <= 0) {
            throw new IllegalArgumentException("cutout side must be positive, got " + side);
        }
        return new Cutout(side, 0, p);
    }

    /** A square whose side is {@code fraction} of the image's shorter side (PCA uses ½). */
    public static Cutout ofFraction(double fraction, double p) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("cutout fraction must be in (0, 1], got " + fraction);
        }
        return new Cutout(0, fraction, p);
    }

    /** Side in pixels for an {@code h×w} image (at least 1). */
    public int side(int h, int w) {
        return pixels > 0 ? pixels : Math.max(1, (int) Math.round(fraction * Math.min(h, w)));
    }

    /** The box to zero, or empty when this sample is not cut (probability 1 − p). */
    public Optional<CropBox> sample(int h, int w, RandomGenerator rng) {
        if (!(rng.nextDouble() < p)) {
            return Optional.empty();
        }
        int cy = rng.nextInt(h);
        int cx = rng.nextInt(w);
        return Optional.of(square(h, w, side(h, w), cy, cx));
    }

    /** The {@code side×side} square centred at ({@code cy}, {@code cx}), clipped to the image. */
    public static CropBox square(int h, int w, int side, int cy, int cx) {
        int y0 = cy - side / 2;
        int x0 = cx - side / 2;
        int top = clamp(y0, h);
        int left = clamp(x0, w);
        return new CropBox(top, left, clamp(y0 + side, h) - top, clamp(x0 + side, w) - left);
    }

    @Override
    public void apply(float[] src, int srcOff, int c, int h, int w, float[] dst, int dstOff, RandomGenerator rng) {
        Checks.shape(c, h, w);
        Checks.fits("source", src, srcOff, (long) c * h * w);
        Checks.fits("destination", dst, dstOff, (long) c * h * w);
        if (src != dst || srcOff != dstOff) {
            System.arraycopy(src, srcOff, dst, dstOff, c * h * w);
        }
        Optional<CropBox> box = sample(h, w, rng);
        if (box.isEmpty()) {
            return;
        }
        CropBox b = box.get();
        for (int ch = 0; ch < c; ch++) {
            for (int y = b.top(); y < b.bottom(); y++) {
                int row = dstOff + (ch * h + y) * w;
                Arrays.fill(dst, row + b.left(), row + b.right(), 0f);
            }
        }
    }

    @Override
    public boolean inPlace() {
        return true;
    }

    @Override
    public String toString() {
        return "Cutout[" + (pixels > 0 ? "side=" + pixels + "px" : "side=" + fraction + "·min(h,w)") + ", p=" + p + "]";
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(v, size));
    }
}
