package org.condense.data;

import java.util.List;
import java.util.Optional;

/**
 * A labelled image classification dataset with random access by index.
 *
 * <p>Images are 8-bit, channel-major (CHW). Implementations backed by folders read each image
 * from disk on demand, so memory does not grow with the dataset; small binary datasets
 * (CIFAR-10, IDX) may hold their bytes in memory.
 */
public interface ImageDataset {

    /** A short name identifying the source, e.g. {@code cifar10} or a folder path. */
    String name();

    /** Class names in label order. */
    List<String> classNames();

    default int numClasses() {
        return classNames().size();
    }

    int size();

    /** Label of sample {@code index}, in {@code [0, numClasses)}. */
    int label(int index);

    int channels();

    int height();

    int width();

    default int imageBytes() {
        return channels() * height() * width();
    }

    /**
     * Copies image {@code index} into {@code dst} as CHW bytes (0..255, stored as signed bytes).
     * {@code dst.length} must be at least {@link #imageBytes()}.
     */
    void readImage(int index, byte[] dst);

    /**
     * A short text that changes whenever the decoded images may change (files, their sizes or
     * modification times, the output size), so that statistics computed over them can be cached
     * under it; empty when the images are not known to be the same from one run to the next.
     */
    default Optional<String> contentKey() {
        return Optional.empty();
    }

    /** Number of samples of each class. */
    default int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int i = 0; i < size(); i++) {
            counts[label(i)]++;
        }
        return counts;
    }
}
