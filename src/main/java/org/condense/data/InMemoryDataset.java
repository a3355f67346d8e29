package org.condense.data;

import java.util.List;

/** A copy of a (small) dataset decoded once into memory, so each epoch does not decode files again. */
public final class InMemoryDataset implements ImageDataset {
    private final String name;
    private final List<String> classNames;
    private final int channels;
    private final int height;
    private final int width;
    private final int[] labels;
    private final byte[] pixels;

    private InMemoryDataset(ImageDataset source) {
        this.name = source.name();
        this.classNames = List.copyOf(source.classNames());
        this.channels = source.channels();
        this.height = source.height();
        this.width = source.width();
        this.labels = new int[source.size()];
        int bytes = source.imageBytes();
        this.pixels = new byte[Math.multiplyExact(bytes, source.size())];
        byte[] buffer = new byte[bytes];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = source.label(i);
            source.readImage(i, buffer);
            System.arraycopy(buffer, 0, pixels, i * bytes, bytes);
        }
    }

    public static InMemoryDataset copyOf(ImageDataset source) {
        return source instanceof InMemoryDataset ? (InMemoryDataset) source : new InMemoryDataset(source);
    }

    @Override
    public String name() {
        return name;
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
        int bytes = imageBytes();
        System.arraycopy(pixels, index * bytes, dst, 0, bytes);
    }
}
