package org.condense.data;

import java.util.List;

/** A view of chosen samples of another dataset, in the given order; reads go to the source. */
public final class Subset implements ImageDataset {

    private final ImageDataset source;
    private final int[] indices;

    public Subset(ImageDataset source, int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= source.size()) {
                throw new IndexOutOfBoundsException("index " + i + " outside " + source.name() + " of size "
                        + source.size());
            }
        }
        this.source = source;
        this.indices = indices.clone();
    }

    public ImageDataset source() {
        return source;
    }

    /** Index in the source dataset of this subset's sample {@code index}. */
    public int sourceIndex(int index) {
        return indices[index];
    }

    public int[] sourceIndices() {
        return indices.clone();
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public List<String> classNames() {
        return source.classNames();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public int label(int index) {
        return source.label(indices[index]);
    }

    @Override
    public int channels() {
        return source.channels();
    }

    @Override
    public int height() {
        return source.height();
    }

    @Override
    public int width() {
        return source.width();
    }

    @Override
    public void readImage(int index, byte[] dst) {
        source.readImage(indices[index], dst);
    }
}
