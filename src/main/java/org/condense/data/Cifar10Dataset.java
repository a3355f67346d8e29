package org.condense.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CIFAR-10 in its official binary form: records of 1 label byte + 1024 R + 1024 G + 1024 B bytes
 * (32×32, row-major). A split is small (150 MB for train), so it is held in memory.
 */
public final class Cifar10Dataset extends InMemoryDataset {

    public static final List<String> CLASS_NAMES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
    public static final int RECORDS_PER_FILE = 10_000;
    static final int SIDE = 32;
    static final int IMAGE_BYTES = 3 * SIDE * SIDE;
    static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    static final String HOW_TO_GET = "The folder must hold data_batch_1..5.bin and test_batch.bin from "
            + "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz (unpack it and point --data-dir at it).";

    private static final Logger LOG = LoggerFactory.getLogger(Cifar10Dataset.class);

    /** @param pixels n × 3072, CHW per record: the file layout minus label bytes */
    private final String contentKey;

    private Cifar10Dataset(String name, List<String> classNames, byte[] pixels, byte[] labels, String contentKey) {
        super(name, classNames, 3, SIDE, SIDE, unsigned(labels), pixels);
        this.contentKey = contentKey;
    }

    @Override
    public java.util.Optional<String> contentKey() {
        return java.util.Optional.of(contentKey);
    }

    /** Reads a split of the official folder, checking every file holds exactly 10,000 records. */
    public static Cifar10Dataset open(Path dir, Split split) {
        return read("cifar10", batchFiles(dir, split), readClassNames(dir), RECORDS_PER_FILE);
    }

    /** Reads any sequence of CIFAR-10 record files (e.g. a slice of a batch), of any record count. */
    public static Cifar10Dataset fromFiles(String name, List<Path> files, List<String> classNames) {
        return read(name, files, List.copyOf(classNames), -1);
    }

    public static List<Path> batchFiles(Path dir, Split split) {
        if (split == Split.TEST) {
            return List.of(dir.resolve("test_batch.bin"));
        }
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            files.add(dir.resolve("data_batch_" + i + ".bin"));
        }
        return files;
    }

    /** Class names from {@code batches.meta.txt} when it is present and sane, else the standard list. */
    static List<String> readClassNames(Path dir) {
        Path meta = dir.resolve("batches.meta.txt");
        if (!Files.isRegularFile(meta)) {
            return CLASS_NAMES;
        }
        try {
            List<String> names = Files.readAllLines(meta).stream().map(String::strip).filter(s -> !s.isEmpty())
                    .toList();
            if (names.size() == CLASS_NAMES.size()) {
                return names;
            }
            LOG.warn("{} lists {} class names, expected 10; using the standard names", meta, names.size());
        } catch (IOException e) {
            LOG.warn("cannot read {} ({}); using the standard class names", meta, e.getMessage());
        }
        return CLASS_NAMES;
    }

    private static Cifar10Dataset read(String name, List<Path> files, List<String> classNames, int expectedRecords) {
        // Check every file's size before allocating, so a bad file fails fast and by name.
        long total = 0;
        for (Path f : files) {
            DataFiles.requireFile(f, HOW_TO_GET);
            long size = DataFiles.size(f);
            if (size == 0 || size % RECORD_BYTES != 0) {
                throw DataFiles.corrupt(f, "its size " + size + " bytes is not a whole number of "
                        + RECORD_BYTES + "-byte records");
            }
            long records = size / RECORD_BYTES;
            if (expectedRecords > 0 && records != expectedRecords) {
                throw DataFiles.corrupt(f, "it holds " + records + " records, expected " + expectedRecords);
            }
            total += records;
        }
        if ((long) IMAGE_BYTES * total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many CIFAR records for one array: " + total);
        }
        int n = (int) total;
        byte[] pixels = new byte[n * IMAGE_BYTES];
        byte[] labels = new byte[n];
        int at = 0;
        byte[] record = new byte[RECORD_BYTES];
        for (Path f : files) {
            try (InputStream in = DataFiles.open(f)) {
                int got;
                while ((got = in.readNBytes(record, 0, RECORD_BYTES)) > 0) {
                    if (got != RECORD_BYTES || at == n) {
                        throw DataFiles.corrupt(f, "it changed size while being read");
                    }
                    if ((record[0] & 0xff) >= classNames.size()) {
                        throw DataFiles.corrupt(f, "record " + at + " has label " + (record[0] & 0xff)
                                + ", labels must be below " + classNames.size());
                    }
                    labels[at] = record[0];
                    System.arraycopy(record, 1, pixels, at * IMAGE_BYTES, IMAGE_BYTES);
                    at++;
                }
            } catch (IOException e) {
                throw DataFiles.unreadable(f, e);
            }
        }
        if (at != n) {
            throw DataFiles.corrupt(files.get(files.size() - 1), "it changed size while being read");
        }
        return new Cifar10Dataset(name, classNames, pixels, labels, DataFiles.contentKey("cifar10", files, classNames));
    }
}
