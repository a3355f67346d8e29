package org.condense.compress;

/** A way to build a compressed dataset; registered by name in {@link CompressionMethods}. */
public interface CompressionMethod {
    String name();

    CompressionResult compress(CompressionRequest request);
}
