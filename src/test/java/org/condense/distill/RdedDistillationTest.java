package org.condense.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.condense.ToyDataset;
import org.condense.UserException;
import org.condense.compress.CompressedDataset;
import org.condense.compress.CompressedImage;
import org.condense.compress.CompressionRequest;
import org.condense.compress.Compressor;
import org.condense.compress.Manifest;
import org.condense.data.ImageDataset;
import org.condense.io.Hashing;
import org.condense.methods.CompressionMethods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RdedDistillationTest {
    static final ImageDataset TOY = ToyDataset.balanced(3, 6, 3, 16);

    /**
     * A toy teacher whose cross-entropy is the crop's mean brightness: each image must keep its
     * darkest crop, the class its darkest images, darkest first in the k, n+k, … arrangement.
     */
    @Test
    void keepsEachImagesLowestCrossEntropyCropAndTheClassesLowest() {
        List<Integer> chosen = List.of(0, 3, 6, 9, 12, 15); // class 0 of the toy set (labels i % 3)
        int crops = 4;
        List<byte[]> seen = new ArrayList<>();
        RdedDistillation.CropScorer brightness = (all, cropSide, label) -> {
            assertEquals(0, label);
            assertEquals(8, cropSide);
            seen.addAll(all);
            return all.stream().mapToDouble(RdedDistillationTest::mean).toArray();
        };
        List<CompressedImage> out = RdedDistillation.distilClass(TOY, 0, chosen, 1, 2, crops, 5, brightness);
        assertEquals(chosen.size() * crops, seen.size());

        // expected: per image the darkest of its crops; the 4 darkest images, darkest first
        byte[][] best = new byte[chosen.size()][];
        for (int pos = 0; pos < chosen.size(); pos++) {
            best[pos] = seen.subList(pos * crops, (pos + 1) * crops).stream()
                    .min(Comparator.comparingDouble(RdedDistillationTest::mean)).orElseThrow();
        }
        Integer[] order = {0, 1, 2, 3, 4, 5};
        Arrays.sort(order, Comparator.comparingDouble(p -> mean(best[p])));
        assertEquals(1, out.size());
        CompressedImage composite = out.get(0);
        assertEquals(0, composite.label());
        for (int t = 0; t < 4; t++) {
            int pos = order[t];
            assertEquals(chosen.get(pos), composite.sources()[t], "tile " + t);
            assertArrayEquals(best[pos], tile(composite.pixels(), t), "tile " + t + " is the image's darkest crop");
        }
    }

    @Test
    void writesAValidCompressedDatasetOfComposites(@TempDir Path dir) throws Exception {
        Path teacher = DistillFixtures.teacher(dir.resolve("teacher"), TOY, "instance"); // RDED needs no BN
        Map<String, String> options = new TreeMap<>(Map.of("teacher", teacher.toString(), "m", "5", "crops", "3"));
        Path out = dir.resolve("rded");
        Compressor.run(TOY, "toy", CompressionMethods.get("rded"), 1, 0, options, out);
        CompressedDataset back = CompressedDataset.open(out);
        Manifest m = back.manifest();
        assertEquals(3, back.size());
        assertEquals("rded", m.method());
        assertEquals(2, m.factor());
        assertEquals(5, m.parameters().get("m"));
        assertEquals(3, m.parameters().get("crops"));
        assertEquals(Hashing.sha256(teacher.resolve("model.params")), m.parameters().get("teacher_sha256"));
        byte[] img = new byte[back.imageBytes()];
        for (int i = 0; i < back.size(); i++) {
            back.readImage(i, img);
            Manifest.Entry e = m.images().get(i);
            assertEquals(4, e.sources().length);
            for (int s : e.sources()) {
                assertEquals(e.label(), TOY.label(s), "a tile from another class");
            }
        }
    }

    @Test
    void anInterruptedRunContinuesToTheSameComposites(@TempDir Path dir) throws Exception {
        Path teacher = DistillFixtures.teacher(dir.resolve("teacher"), TOY, "batch");
        Map<String, String> options = new TreeMap<>(Map.of("teacher", teacher.toString(), "m", "4"));
        List<CompressedImage> whole = new ArrayList<>(new RdedDistillation()
                .compress(new CompressionRequest(TOY, 1, 2, options, dir.resolve("w1"))).images());
        assertThrows(IllegalStateException.class, () -> new RdedDistillation(c -> {
            throw new IllegalStateException("interrupted");
        }).compress(new CompressionRequest(TOY, 1, 2, options, dir.resolve("w2"))));
        List<Integer> ran = new ArrayList<>();
        List<CompressedImage> resumed = new ArrayList<>(new RdedDistillation(ran::add)
                .compress(new CompressionRequest(TOY, 1, 2, options, dir.resolve("w2"))).images());
        assertEquals(List.of(1, 2), ran);
        for (int i = 0; i < whole.size(); i++) {
            assertArrayEquals(whole.get(i).pixels(), resumed.get(i).pixels());
            assertArrayEquals(whole.get(i).sources(), resumed.get(i).sources());
        }
    }

    @Test
    void moreCropsThanScoredImagesIsAUserError(@TempDir Path dir) throws Exception {
        Path teacher = DistillFixtures.teacher(dir.resolve("teacher"), TOY, "batch");
        Map<String, String> options = new TreeMap<>(Map.of("teacher", teacher.toString(), "m", "6"));
        UserException e = assertThrows(UserException.class,
                () -> new RdedDistillation().compress(new CompressionRequest(TOY, 2, 0, options)));
        assertTrue(e.getMessage().contains("IPC·f² = 2·2² = 8") && e.getMessage().contains("m = 6"), e.getMessage());
        UserException few = assertThrows(UserException.class, () -> new RdedDistillation().compress(
                new CompressionRequest(TOY, 1, 0, new TreeMap<>(Map.of("teacher", teacher.toString(), "m", "7")))));
        assertTrue(few.getMessage().contains("has only 6; choose a smaller --option m"), few.getMessage());
        Path other = DistillFixtures.teacher(dir.resolve("other"), TOY, "batch", List.of("a", "b", "c"));
        UserException o = assertThrows(UserException.class, () -> new RdedDistillation().compress(
                new CompressionRequest(TOY, 1, 0, new TreeMap<>(Map.of("teacher", other.toString(), "m", "4")))));
        assertTrue(o.getMessage().contains("use a teacher of the same dataset"), o.getMessage());
    }

    private static double mean(byte[] b) {
        double s = 0;
        for (byte v : b) {
            s += v & 0xff;
        }
        return s / b.length;
    }

    /** Tile t (row-major) of a 3×16×16 composite of 2×2 tiles of 8 px. */
    private static byte[] tile(byte[] composite, int t) {
        byte[] out = new byte[3 * 8 * 8];
        int top = (t / 2) * 8;
        int left = (t % 2) * 8;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 8; y++) {
                System.arraycopy(composite, c * 256 + (top + y) * 16 + left, out, c * 64 + y * 8, 8);
            }
        }
        return out;
    }
}
