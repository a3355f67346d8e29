package org.condense.analyze;

/** A classifier seen as a function from a batch of normalised images to logits (a trained teacher, or a stub in tests). */
public interface Observer extends AutoCloseable {

    /**
     * Logits, N×K row-major, for {@code n} normalised CHW images stored back to back in
     * {@code images} (exactly {@code n·c·h·w} floats).
     */
    float[] logits(float[] images, int n, int c, int h, int w);

    @Override
    default void close() {}
}
