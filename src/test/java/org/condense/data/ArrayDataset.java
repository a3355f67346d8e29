package org.condense.data;

import java.util.ArrayList;
import java.util.List;

/** A tiny in-memory dataset for tests: images given as unsigned CHW values. */
final class ArrayDataset implements ImageDataset {

    private final int channels;
    private final int height;
    private final int width;
    private final int[] labels;
    private final int[][] images;
    private final List<String> classNames = new ArrayList<>();

    ArrayDataset(int channels, int height, int width, int[] labels, int[][] images) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.labels = labels;
        this.images = images;
        int classes = 0;
        for (int l : labels) {
            classes = Math.max(classes, l + 1);
        }
        for (int c = 0; c < classes; c++) {
            classNames.add("class" + c);
        }
    }

    byte[] bytes(int index) {
        byte[] b = new byte[imageBytes()];
        readImage(index, b);
        return b;
    }

    @Override
    public String name() {
        return "array";
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public void readImage(int index, byte[] dst) {
        for (int i = 0; i < images[index].length; i++) {
            dst[i] = (byte) images[index][i];
        }
    }
}
