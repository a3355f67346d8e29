package org.condense.compress;

/** An image produced by a compression method, before it is written: CHW bytes, class, source indices. */
public record CompressedImage(int label, byte[] pixels, int[] sources) {}
