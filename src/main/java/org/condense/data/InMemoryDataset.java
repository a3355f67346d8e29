package org.condense.data;

import java.util.List;

/**
 * A dataset held in memory: every image's CHW bytes in one array, one label per image. The
 * binary datasets (CIFAR-10, IDX) are read into one; {@link #copyOf} decodes a small
 * (compressed) dataset once so that training epochs do not decode files again.
 */
public class InMemoryDataset implements ImageDataset {
    private final String name;
    private final List<String> classNames;
    private final int channels;
    private final int height;
    private final int width;
    private final int[] labels;
    private final byte[] pixels;

    /** @param pixels {@code labels.length} images of {@code channels×height×width} bytes, back to back */
    protected InMemoryDataset(String name, List<String> classNames, int channels, int height, int width,
            int[] labels, byte[] pixels) {
        if ((long) labels.length * channels * height * width != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixel bytes do not hold " + labels.length + " images of "
                    + channels + "×" + height + "×" + width);
        }
        this.name = name;
        this.classNames = List.copyOf(classNames);
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.labels = labels;
        this.pixels = pixels;
    }

    public static InMemoryDataset of(String name, List<String> classNames, int channels, int height, int width,
            int[] labels, byte[] pixels) {
        return new InMemoryDataset(name, classNames, channels, height, width, labels, pixels);
    }

    public static InMemoryDataset copyOf(ImageDataset source) {
        if (source instanceof InMemoryDataset) {
            return (InMemoryDataset) source;
        }
        int bytes = source.imageBytes();
        int[] labels = new int[source.size()];
        byte[] pixels = new byte[Math.multiplyExact(bytes, source.size())];
        byte[] buffer = new byte[bytes];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = source.label(i);
            source.readImage(i, buffer);
            System.arraycopy(buffer, 0, pixels, i * bytes, bytes);
        }
        return new InMemoryDataset(source.name(), source.classNames(), source.channels(), source.height(),
                source.width(), labels, pixels);
    }

    /** Unsigned label bytes (as in the CIFAR-10 and IDX files) as ints. */
    protected static int[] unsigned(byte[] labels) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] & 0xFF;
        }
        return out;
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
