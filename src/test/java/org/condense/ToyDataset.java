package org.condense;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.condense.data.ImageDataset;

/** A small in-memory dataset with random pixels and given labels, for unit tests. */
public final class ToyDataset implements ImageDataset {
    private final int[] labels;
    private final byte[][] images;
    private final int channels;
    private final int side;
    private final List<String> classes = new ArrayList<>();

    public ToyDataset(int[] labels, int numClasses, int channels, int side, long seed) {
        this.labels = labels;
        this.channels = channels;
        this.side = side;
        Random r = new Random(seed);
        images = new byte[labels.length][channels * side * side];
        for (byte[] img : images) {
            r.nextBytes(img);
        }
        for (int c = 0; c < numClasses; c++) {
            classes.add("class" + c);
        }
    }

    /** {@code perClass} samples of each of {@code numClasses} classes, interleaved. */
    public static ToyDataset balanced(int numClasses, int perClass, int channels, int side) {
        int[] labels = new int[numClasses * perClass];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % numClasses;
        }
        return new ToyDataset(labels, numClasses, channels, side, 42);
    }

    @Override
    public String name() {
        return "toy";
    }

    @Override
    public List<String> classNames() {
        return classes;
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
        return side;
    }

    @Override
    public int width() {
        return side;
    }

    @Override
    public void readImage(int index, byte[] dst) {
        System.arraycopy(images[index], 0, dst, 0, images[index].length);
    }
}
