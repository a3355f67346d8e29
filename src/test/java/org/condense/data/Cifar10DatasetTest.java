package org.condense.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.condense.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10DatasetTest {

    // Read once from the official data_batch_1.bin with a one-off script.
    static final int[] FIRST_20_LABELS = {6, 9, 9, 4, 1, 1, 2, 7, 8, 3, 4, 7, 7, 2, 9, 9, 9, 3, 2, 6};
    static final int[] RECORD0_RED_ROW0 = {59, 43, 50, 68, 98, 119, 139, 145};
    static final int[] RECORD0_GREEN_ROW0 = {62, 46, 48, 54, 73, 91, 107, 110};
    static final int[] RECORD0_BLUE_ROW0 = {63, 45, 43, 42, 52, 63, 75, 80};

    @TempDir
    Path tmp;

    static Cifar10Dataset fixture() {
        return Cifar10Dataset.fromFiles("cifar10-first20", List.of(Fixtures.CIFAR_FIRST20),
                Cifar10Dataset.CLASS_NAMES);
    }

    /** Checks labels and pixel layout (CHW) of record 0 against values from the official file. */
    static void assertFirstRecords(ImageDataset ds) {
        for (int i = 0; i < FIRST_20_LABELS.length; i++) {
            assertEquals(FIRST_20_LABELS[i], ds.label(i), "label of record " + i);
        }
        assertEquals("frog", ds.classNames().get(ds.label(0)));
        assertEquals("truck", ds.classNames().get(ds.label(1)));
        byte[] img = new byte[ds.imageBytes()];
        ds.readImage(0, img);
        assertArrayEquals(RECORD0_RED_ROW0, unsigned(img, 0, 8));
        assertArrayEquals(RECORD0_GREEN_ROW0, unsigned(img, 1024, 8));
        assertArrayEquals(RECORD0_BLUE_ROW0, unsigned(img, 2048, 8));
        assertEquals(16, img[32] & 0xff, "red, row 1, column 0");
        assertEquals(123, img[1023] & 0xff, "last red pixel");
        assertEquals(72, img[3071] & 0xff, "last blue pixel");
    }

    static int[] unsigned(byte[] b, int from, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = b[from + i] & 0xff;
        }
        return out;
    }

    @Test
    void readsKnownRecordsOfTheFixture() {
        Cifar10Dataset ds = fixture();
        assertEquals(20, ds.size());
        assertEquals(3, ds.channels());
        assertEquals(32, ds.height());
        assertEquals(32, ds.width());
        assertEquals(3072, ds.imageBytes());
        assertFirstRecords(ds);
    }

    @Test
    void openRejectsAFileThatIsNotTenThousandRecords() throws IOException {
        Files.copy(Fixtures.CIFAR_FIRST20, tmp.resolve("test_batch.bin"));
        UserException e = assertThrows(UserException.class, () -> Cifar10Dataset.open(tmp, Split.TEST));
        assertTrue(e.getMessage().contains("corrupt or truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("20 records, expected 10000"), e.getMessage());
        assertTrue(e.getMessage().contains(tmp.resolve("test_batch.bin").toString()), e.getMessage());
    }

    @Test
    void rejectsATruncatedFile() throws IOException {
        byte[] data = Files.readAllBytes(Fixtures.CIFAR_FIRST20);
        Path cut = tmp.resolve("data_batch_1.bin");
        Files.write(cut, Arrays.copyOf(data, 2 * 3073 + 100));
        UserException e = assertThrows(UserException.class,
                () -> Cifar10Dataset.fromFiles("cut", List.of(cut), Cifar10Dataset.CLASS_NAMES));
        assertTrue(e.getMessage().contains("corrupt or truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("6246 bytes"), e.getMessage());
    }

    @Test
    void rejectsALabelOfTenOrMore() throws IOException {
        byte[] data = Files.readAllBytes(Fixtures.CIFAR_FIRST20);
        data[3073] = 10; // label byte of record 1
        Path bad = tmp.resolve("bad.bin");
        Files.write(bad, data);
        UserException e = assertThrows(UserException.class,
                () -> Cifar10Dataset.fromFiles("bad", List.of(bad), Cifar10Dataset.CLASS_NAMES));
        assertTrue(e.getMessage().contains("corrupt or truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("record 1 has label 10"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        UserException e = assertThrows(UserException.class, () -> Cifar10Dataset.open(tmp, Split.TRAIN));
        assertTrue(e.getMessage().contains(tmp.resolve("data_batch_1.bin").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("cifar-10-binary.tar.gz"), e.getMessage());
    }

    @Test
    void classNamesComeFromBatchesMetaWhenPresent() throws IOException {
        assertEquals(Cifar10Dataset.CLASS_NAMES, Cifar10Dataset.readClassNames(tmp));
        Files.writeString(tmp.resolve("batches.meta.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n");
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), Cifar10Dataset.readClassNames(tmp));
        Files.writeString(tmp.resolve("batches.meta.txt"), "only\ntwo\n");
        assertEquals(Cifar10Dataset.CLASS_NAMES, Cifar10Dataset.readClassNames(tmp));
    }

    @Test
    void trainSplitIsTheFiveBatchesInOrder() {
        List<Path> files = Cifar10Dataset.batchFiles(tmp, Split.TRAIN);
        assertEquals(5, files.size());
        assertEquals("data_batch_1.bin", files.get(0).getFileName().toString());
        assertEquals("data_batch_5.bin", files.get(4).getFileName().toString());
        assertEquals(List.of(tmp.resolve("test_batch.bin")), Cifar10Dataset.batchFiles(tmp, Split.TEST));
    }
}
