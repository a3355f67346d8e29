package org.condense.augment;

import java.util.random.RandomGenerator;

/**
 * One per-sample augmentation step on a CHW float image.
 *
 * <p>Steps take offsets so a loader can read from and write straight into batch arrays. A step
 * may change the spatial size (a crop-resize does); {@link #outHeight}/{@link #outWidth} say how.
 */
public interface SampleAugmentation {

    /**
     * Reads a {@code c×h×w} image from {@code src} at {@code srcOff} and writes the augmented
     * {@code c×outHeight×outWidth} image to {@code dst} at {@code dstOff}. All randomness comes
     * from {@code rng}. Unless {@link #inPlace()} is true, {@code src} and {@code dst} must not
     * overlap.
     */
    void apply(float[] src, int srcOff, int c, int h, int w, float[] dst, int dstOff, RandomGenerator rng);

    /** Output height for an {@code h×w} input; unchanged by default. */
    default int outHeight(int h, int w) {
        return h;
    }

    /** Output width for an {@code h×w} input; unchanged by default. */
    default int outWidth(int h, int w) {
        return w;
    }

    /**
     * True if {@link #apply} also works with {@code dst == src} and {@code dstOff == srcOff}; the
     * pipeline then skips a buffer. Such steps must keep the shape.
     */
    default boolean inPlace() {
        return false;
    }

    /** Convenience: applies the step to a whole array and returns a new output array. */
    default float[] apply(float[] src, int c, int h, int w, RandomGenerator rng) {
        float[] dst = new float[c * outHeight(h, w) * outWidth(h, w)];
        apply(src, 0, c, h, w, dst, 0, rng);
        return dst;
    }
}
