package org.condense.compress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.condense.data.ImageDataset;

/** Chosen source samples as compressed images (one source each), by class then index. */
final class SourceImages {
    private SourceImages() {}

    static List<CompressedImage> read(ImageDataset ds, int[] indices) {
        Integer[] order = Arrays.stream(indices).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingInt(ds::label).thenComparingInt(i -> i));
        List<CompressedImage> images = new ArrayList<>();
        for (int index : order) {
            byte[] pixels = new byte[ds.imageBytes()];
            ds.readImage(index, pixels);
            images.add(new CompressedImage(ds.label(index), pixels, new int[] {index}));
        }
        return images;
    }

    static int[] labels(ImageDataset ds) {
        int[] labels = new int[ds.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = ds.label(i);
        }
        return labels;
    }
}
