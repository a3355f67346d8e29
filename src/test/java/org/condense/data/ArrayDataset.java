package org.condense.data;

import java.util.ArrayList;
import java.util.List;

/** A tiny in-memory dataset for tests: images given as unsigned CHW values. */
final class ArrayDataset extends InMemoryDataset {

    ArrayDataset(int channels, int height, int width, int[] labels, int[][] images) {
        super("array", classNames(labels), channels, height, width, labels, flatten(images));
    }

    byte[] bytes(int index) {
        byte[] b = new byte[imageBytes()];
        readImage(index, b);
        return b;
    }

    private static List<String> classNames(int[] labels) {
        int classes = 0;
        for (int l : labels) {
            classes = Math.max(classes, l + 1);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
        }
        return names;
    }

    private static byte[] flatten(int[][] images) {
        int per = images.length == 0 ? 0 : images[0].length;
        byte[] out = new byte[images.length * per];
        for (int i = 0; i < images.length; i++) {
            for (int j = 0; j < per; j++) {
                out[i * per + j] = (byte) images[i][j];
            }
        }
        return out;
    }
}
