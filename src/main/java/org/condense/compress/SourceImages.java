package org.condense.compress;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import org.condense.data.ImageDataset;

/**
 * Chosen source samples as compressed images (one source each), by class then index. The list
 * holds only the indices: each image is decoded when the writer asks for it and dropped once
 * written, so memory stays at one image whatever the source's or the output's size.
 */
final class SourceImages {
    private SourceImages() {}

    static List<CompressedImage> read(ImageDataset ds, int[] indices) {
        Integer[] order = Arrays.stream(indices).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingInt(ds::label).thenComparingInt(i -> i));
        int[] sorted = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
        return lazy(sorted.length, k -> {
            int index = sorted[k];
            byte[] pixels = new byte[ds.imageBytes()];
            ds.readImage(index, pixels);
            return new CompressedImage(ds.label(index), pixels, new int[] {index});
        });
    }

    /** A list of {@code size} images made by {@code make} on every access (nothing is kept). */
    static List<CompressedImage> lazy(int size, IntFunction<CompressedImage> make) {
        return new AbstractList<>() {
            @Override
            public CompressedImage get(int index) {
                if (index < 0 || index >= size) {
                    throw new IndexOutOfBoundsException(index);
                }
                return make.apply(index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    static int[] labels(ImageDataset ds) {
        int[] labels = new int[ds.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = ds.label(i);
        }
        return labels;
    }
}
