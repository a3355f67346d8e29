package org.condense.compress;

import java.util.Map;
import org.condense.data.ImageDataset;

/** What a method is asked to do: compress {@code source} to {@code ipc} images per class. */
public record CompressionRequest(ImageDataset source, int ipc, long seed, Map<String, String> options) {}
