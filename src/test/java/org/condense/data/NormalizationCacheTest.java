package org.condense.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cached normalisation: computed once, equal to the recomputed values bit for bit, robust to damage. */
class NormalizationCacheTest {
    @TempDir
    Path dir;

    /** An ImageFolder of 2 classes × 3 JPEGs of random colours, 10×7 px, read at 8 px. */
    private ImageFolderDataset folder() {
        Random rng = new Random(3);
        for (String c : List.of("cat", "dog")) {
            for (int i = 0; i < 3; i++) {
                int[][] px = new int[7][10];
                for (int[] row : px) {
                    for (int x = 0; x < row.length; x++) {
                        row[x] = rng.nextInt(1 << 24);
                    }
                }
                TestImages.write(dir.resolve("data/train/" + c + "/" + i + ".jpg"), TestImages.rgb(px));
            }
        }
        return ImageFolderDataset.open(dir.resolve("data"), Split.TRAIN, 8, 3);
    }

    /** Counts decoded images, to tell a cache hit from a recomputation. */
    private static final class Counting implements ImageDataset {
        final AtomicInteger reads = new AtomicInteger();
        private final ImageDataset inner;

        Counting(ImageDataset inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public List<String> classNames() {
            return inner.classNames();
        }

        @Override
        public int size() {
            return inner.size();
        }

        @Override
        public int label(int index) {
            return inner.label(index);
        }

        @Override
        public int channels() {
            return inner.channels();
        }

        @Override
        public int height() {
            return inner.height();
        }

        @Override
        public int width() {
            return inner.width();
        }

        @Override
        public void readImage(int index, byte[] dst) {
            reads.incrementAndGet();
            inner.readImage(index, dst);
        }

        @Override
        public Optional<String> contentKey() {
            return inner.contentKey();
        }
    }

    private static List<Path> cacheFiles(Path cache) throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.getFileName().toString().startsWith("normalization-")).toList();
        }
    }

    @Test
    void computedOnceThenReadBackExactlyEqual() throws IOException {
        Counting ds = new Counting(folder());
        NormalizationCache cache = new NormalizationCache(dir.resolve("cache"));
        Normalization first = cache.get(ds, 1000);
        assertEquals(6, ds.reads.get(), "first run decodes every image");
        Normalization recomputed = Normalization.compute(ds, 1000);
        assertArrayEquals(recomputed.mean(), first.mean());
        assertArrayEquals(recomputed.std(), first.std());
        assertEquals(1, cacheFiles(dir.resolve("cache")).size());

        ds.reads.set(0);
        // a new cache object, as in a later process: the file alone carries the numbers
        Normalization second = new NormalizationCache(dir.resolve("cache")).get(ds, 1000);
        assertEquals(0, ds.reads.get(), "a later run decodes nothing");
        assertEquals(recomputed, second); // Float bit patterns compared exactly
        for (int c = 0; c < 3; c++) {
            assertEquals(Float.floatToIntBits(recomputed.mean()[c]), Float.floatToIntBits(second.mean()[c]));
            assertEquals(Float.floatToIntBits(recomputed.std()[c]), Float.floatToIntBits(second.std()[c]));
        }
    }

    @Test
    void aDamagedFileIsIgnoredAndRewritten() throws IOException {
        Counting ds = new Counting(folder());
        Path cacheDir = dir.resolve("cache");
        Normalization expected = new NormalizationCache(cacheDir).get(ds, 1000);
        Path file = cacheFiles(cacheDir).get(0);
        String good = Files.readString(file);
        for (String damage : List.of("{\"format\": 1, \"mean\": [0.5", "", "null",
                good.replaceFirst("\"std\" : \\[ [^,]+", "\"std\" : [ -1.0"),
                good.replaceFirst("\"key\" : \"[0-9a-f]+\"", "\"key\" : \"0\""))) {
            assertNotEquals(good, damage);
            Files.writeString(file, damage);
            ds.reads.set(0);
            Normalization got = new NormalizationCache(cacheDir).get(ds, 1000);
            assertEquals(expected, got, damage);
            assertEquals(6, ds.reads.get(), "recomputed after: " + damage);
            assertEquals(good, Files.readString(file), "rewritten after: " + damage);
        }
    }

    @Test
    void theKeyFollowsTheFilesSizeAndOptions() throws IOException {
        ImageFolderDataset ds = folder();
        String key = ds.contentKey().orElseThrow();
        assertEquals(key, ImageFolderDataset.open(dir.resolve("data"), Split.TRAIN, 8, 3).contentKey().orElseThrow());
        assertNotEquals(key, ImageFolderDataset.open(dir.resolve("data"), Split.TRAIN, 16, 3).contentKey().orElseThrow());
        assertNotEquals(key, ImageFolderDataset.open(dir.resolve("data"), Split.TRAIN, 8, 1).contentKey().orElseThrow());
        Path file = dir.resolve("data/train/dog/2.jpg");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        assertNotEquals(key, ImageFolderDataset.open(dir.resolve("data"), Split.TRAIN, 8, 3).contentKey().orElseThrow(),
                "a touched file");
        // a moved folder with the same files keeps its key
        String touched = ImageFolderDataset.open(dir.resolve("data"), Split.TRAIN, 8, 3).contentKey().orElseThrow();
        Files.move(dir.resolve("data"), dir.resolve("moved"));
        assertEquals(touched, ImageFolderDataset.open(dir.resolve("moved"), Split.TRAIN, 8, 3).contentKey().orElseThrow());
    }

    @Test
    void datasetsWithoutAKeyAreComputedAndNothingIsWritten() throws IOException {
        ArrayDataset ds = new ArrayDataset(1, 1, 2, new int[] {0, 1}, new int[][] {{0, 255}, {10, 20}});
        Normalization n = new NormalizationCache(dir.resolve("cache")).get(ds, 1000);
        assertEquals(Normalization.compute(ds, 1000), n);
        assertTrue(!Files.exists(dir.resolve("cache")) || cacheFiles(dir.resolve("cache")).isEmpty());
    }

    @Test
    void builtInFilesHaveAKeyThatChangesWithTheirContent() throws IOException {
        Path copy = dir.resolve("c10.bin");
        Files.copy(Fixtures.CIFAR_FIRST20, copy);
        String key = Cifar10Dataset.fromFiles("cifar10", List.of(copy), Cifar10Dataset.CLASS_NAMES).contentKey().orElseThrow();
        Files.write(copy, Files.readAllBytes(Fixtures.CIFAR_FIRST20), java.nio.file.StandardOpenOption.APPEND);
        assertNotEquals(key, Cifar10Dataset.fromFiles("cifar10", List.of(copy), Cifar10Dataset.CLASS_NAMES)
                .contentKey().orElseThrow());
    }
}
