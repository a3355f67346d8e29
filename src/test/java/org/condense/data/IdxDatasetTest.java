package org.condense.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.condense.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {

    // Read once from the official train-*-ubyte.gz of Fashion-MNIST with a one-off script.
    static final int[] FIRST_20_LABELS = {9, 0, 0, 3, 0, 2, 7, 2, 5, 5, 0, 9, 5, 5, 7, 9, 1, 0, 6, 4};
    static final int[] IMAGE0_ROW14 = {0, 0, 1, 4, 6, 7, 2, 0, 0, 0, 0, 0, 237, 226, 217, 223, 222, 219, 222, 221,
        216, 223, 229, 215, 218, 255, 77, 0};

    @TempDir
    Path tmp;

    static void assertFirstImages(ImageDataset ds) {
        assertEquals(1, ds.channels());
        assertEquals(28, ds.height());
        assertEquals(28, ds.width());
        for (int i = 0; i < FIRST_20_LABELS.length; i++) {
            assertEquals(FIRST_20_LABELS[i], ds.label(i), "label " + i);
        }
        assertEquals("Ankle boot", ds.classNames().get(ds.label(0)));
        byte[] img = new byte[ds.imageBytes()];
        ds.readImage(0, img);
        assertArrayEquals(IMAGE0_ROW14, Cifar10DatasetTest.unsigned(img, 14 * 28, 28));
        assertEquals(13, img[99] & 0xff);
    }

    @Test
    void readsTheGzippedFixture() {
        IdxDataset ds = IdxDataset.open(Fixtures.FASHION_MNIST_DIR, Split.TRAIN, "fashion-mnist",
                IdxDataset.FASHION_MNIST_CLASSES);
        assertEquals(20, ds.size());
        assertFirstImages(ds);
    }

    @Test
    void readsRawFilesAndPrefersThemToGz() throws IOException {
        Files.write(tmp.resolve("train-images-idx3-ubyte"), gunzip("train-images-idx3-ubyte.gz"));
        Files.write(tmp.resolve("train-labels-idx1-ubyte"), gunzip("train-labels-idx1-ubyte.gz"));
        Files.writeString(tmp.resolve("train-images-idx3-ubyte.gz"), "not read");
        IdxDataset ds = IdxDataset.open(tmp, Split.TRAIN, "fashion-mnist", IdxDataset.FASHION_MNIST_CLASSES);
        assertEquals(20, ds.size());
        assertFirstImages(ds);
    }

    @Test
    void rejectsWrongMagic() throws IOException {
        // A labels file where the images file should be.
        Path labels = Fixtures.FASHION_MNIST_DIR.resolve("train-labels-idx1-ubyte.gz");
        UserException e = assertThrows(UserException.class,
                () -> IdxDataset.fromFiles("x", labels, labels, IdxDataset.MNIST_CLASSES));
        assertTrue(e.getMessage().contains("magic number 2049"), e.getMessage());
        assertTrue(e.getMessage().contains("corrupt or truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte.gz"), e.getMessage());
    }

    @Test
    void rejectsCountMismatch() throws IOException {
        Path labels = tmp.resolve("labels");
        Files.write(labels, idx(2049, new int[] {19}, new byte[19]));
        Path images = Fixtures.FASHION_MNIST_DIR.resolve("train-images-idx3-ubyte.gz");
        UserException e = assertThrows(UserException.class,
                () -> IdxDataset.fromFiles("x", images, labels, IdxDataset.MNIST_CLASSES));
        assertTrue(e.getMessage().contains("20 images but labels holds 19 labels"), e.getMessage());
    }

    @Test
    void rejectsShortOrPaddedPayload() throws IOException {
        Path labels = tmp.resolve("labels");
        Files.write(labels, idx(2049, new int[] {2}, new byte[2]));
        Path images = tmp.resolve("images");
        Files.write(images, idx(2051, new int[] {2, 28, 28}, new byte[2 * 784 - 1]));
        UserException e = assertThrows(UserException.class,
                () -> IdxDataset.fromFiles("x", images, labels, IdxDataset.MNIST_CLASSES));
        assertTrue(e.getMessage().contains("promises 1568 data bytes but only 1567 follow"), e.getMessage());

        Files.write(images, idx(2051, new int[] {2, 28, 28}, new byte[2 * 784 + 1]));
        e = assertThrows(UserException.class,
                () -> IdxDataset.fromFiles("x", images, labels, IdxDataset.MNIST_CLASSES));
        assertTrue(e.getMessage().contains("extra bytes"), e.getMessage());
    }

    @Test
    void rejectsTruncatedGzip() throws IOException {
        byte[] gz = Files.readAllBytes(Fixtures.FASHION_MNIST_DIR.resolve("train-images-idx3-ubyte.gz"));
        Files.write(tmp.resolve("train-images-idx3-ubyte.gz"), Arrays.copyOf(gz, gz.length / 2));
        Files.copy(Fixtures.FASHION_MNIST_DIR.resolve("train-labels-idx1-ubyte.gz"),
                tmp.resolve("train-labels-idx1-ubyte.gz"));
        UserException e = assertThrows(UserException.class,
                () -> IdxDataset.open(tmp, Split.TRAIN, "fashion-mnist", IdxDataset.FASHION_MNIST_CLASSES));
        assertTrue(e.getMessage().contains("corrupt or truncated"), e.getMessage());
    }

    @Test
    void rejectsLabelOutOfRange() throws IOException {
        Path labels = tmp.resolve("labels");
        Files.write(labels, idx(2049, new int[] {2}, new byte[] {3, 10}));
        Path images = tmp.resolve("images");
        Files.write(images, idx(2051, new int[] {2, 28, 28}, new byte[2 * 784]));
        UserException e = assertThrows(UserException.class,
                () -> IdxDataset.fromFiles("x", images, labels, IdxDataset.MNIST_CLASSES));
        assertTrue(e.getMessage().contains("label 10 at index 1"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        UserException e = assertThrows(UserException.class,
                () -> IdxDataset.open(tmp, Split.TEST, "mnist", IdxDataset.MNIST_CLASSES));
        assertTrue(e.getMessage().contains(tmp.resolve("t10k-images-idx3-ubyte").toString()), e.getMessage());
    }

    private static byte[] idx(int magic, int[] dims, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(payload);
        }
        return bytes.toByteArray();
    }

    private static byte[] gunzip(String fixture) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Fixtures.FASHION_MNIST_DIR.resolve(fixture)))) {
            return in.readAllBytes();
        }
    }
}
