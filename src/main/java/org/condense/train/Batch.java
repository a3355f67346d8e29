package org.condense.train;

/**
 * One training batch on the Java side, before it becomes an NDArray.
 *
 * @param images N×C×H×W normalised pixels
 * @param indices dataset index of each sample
 * @param labels class of each sample
 * @param targets N×K target distribution (one-hot, or mixed by CutMix/Mixup)
 */
public record Batch(float[] images, int[] indices, int[] labels, float[] targets, int size, int channels, int height, int width) {}
