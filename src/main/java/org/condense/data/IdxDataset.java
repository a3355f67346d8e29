package org.condense.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * MNIST-style IDX files ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-…}), raw or gzipped: one gray channel, held in memory (47 MB for MNIST train).
 */
public final class IdxDataset extends InMemoryDataset {

    public static final List<String> FASHION_MNIST_CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final List<String> MNIST_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    static final int IMAGES_MAGIC = 2051; // 0x00000803: unsigned bytes, 3 dimensions
    static final int LABELS_MAGIC = 2049; // 0x00000801: unsigned bytes, 1 dimension

    private final String contentKey;

    private IdxDataset(String name, List<String> classNames, int rows, int cols, byte[] pixels, byte[] labels,
            String contentKey) {
        super(name, classNames, 1, rows, cols, unsigned(labels), pixels);
        this.contentKey = contentKey;
    }

    @Override
    public java.util.Optional<String> contentKey() {
        return java.util.Optional.of(contentKey);
    }

    /** Reads a split from a folder holding the four official files (each raw or {@code .gz}). */
    public static IdxDataset open(Path dir, Split split, String name, List<String> classNames) {
        String prefix = split == Split.TRAIN ? "train" : "t10k";
        return fromFiles(name, file(dir, prefix + "-images-idx3-ubyte"), file(dir, prefix + "-labels-idx1-ubyte"),
                classNames);
    }

    /** The raw file if present, else its {@code .gz}; missing both is an error naming the raw path. */
    static Path file(Path dir, String baseName) {
        Path raw = dir.resolve(baseName);
        Path gz = dir.resolve(baseName + ".gz");
        if (Files.isRegularFile(raw) || !Files.isRegularFile(gz)) {
            return DataFiles.requireFile(raw, "Put the official " + baseName + ".gz (or its unpacked form) in "
                    + dir.toAbsolutePath() + ".");
        }
        return gz;
    }

    public static IdxDataset fromFiles(String name, Path imagesFile, Path labelsFile, List<String> classNames) {
        byte[] labels = readLabels(labelsFile, classNames.size());
        try (DataInputStream in = new DataInputStream(DataFiles.open(imagesFile))) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw DataFiles.corrupt(imagesFile, "magic number " + magic + ", an IDX image file has "
                        + IMAGES_MAGIC + " (is it a labels file or another format?)");
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (n != labels.length) {
                throw DataFiles.corrupt(imagesFile, "it holds " + n + " images but " + labelsFile.getFileName()
                        + " holds " + labels.length + " labels");
            }
            if (rows < 1 || cols < 1 || (long) n * rows * cols > Integer.MAX_VALUE - 8) {
                throw DataFiles.corrupt(imagesFile, "implausible header: " + n + " images of " + rows + "×" + cols);
            }
            byte[] pixels = readPayload(in, imagesFile, n * rows * cols);
            return new IdxDataset(name, List.copyOf(classNames), rows, cols, pixels, labels,
                    DataFiles.contentKey("idx", List.of(imagesFile, labelsFile), classNames));
        } catch (IOException e) {
            throw DataFiles.unreadable(imagesFile, e);
        }
    }

    private static byte[] readLabels(Path file, int numClasses) {
        try (DataInputStream in = new DataInputStream(DataFiles.open(file))) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw DataFiles.corrupt(file, "magic number " + magic + ", an IDX label file has " + LABELS_MAGIC
                        + " (is it an images file or another format?)");
            }
            int n = in.readInt();
            if (n < 0) {
                throw DataFiles.corrupt(file, "negative label count " + n);
            }
            byte[] labels = readPayload(in, file, n);
            for (int i = 0; i < n; i++) {
                if ((labels[i] & 0xff) >= numClasses) {
                    throw DataFiles.corrupt(file, "label " + (labels[i] & 0xff) + " at index " + i
                            + ", labels must be below " + numClasses);
                }
            }
            return labels;
        } catch (IOException e) {
            throw DataFiles.unreadable(file, e);
        }
    }

    /** Exactly {@code length} bytes and then end of file: a short or padded payload means a bad file. */
    private static byte[] readPayload(InputStream in, Path file, int length) throws IOException {
        byte[] data = in.readNBytes(length);
        if (data.length != length) {
            throw DataFiles.corrupt(file, "the header promises " + length + " data bytes but only " + data.length
                    + " follow");
        }
        if (in.read() != -1) {
            throw DataFiles.corrupt(file, "extra bytes follow the " + length + " data bytes the header promises");
        }
        return data;
    }
}
