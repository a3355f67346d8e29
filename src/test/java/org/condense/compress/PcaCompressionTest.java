package org.condense.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.condense.UserException;
import org.condense.data.InMemoryDataset;
import org.condense.methods.CompressionMethods;
import org.condense.score.ScoreCard;
import org.condense.score.ScoreFiles;
import org.condense.score.Scores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PCA's prune + combine through {@link Compressor}: which images, where, and the pixels. */
class PcaCompressionTest {
    private static final int N = 16;
    private static final int SIDE = 4;
    // 2 classes interleaved (class = index % 2); image i is the constant 10·i
    private final InMemoryDataset toy = constantImages();
    // el2n = 15 − i: class 0 ranks 14, 12, 10, …, 0; class 1 ranks 15, 13, 11, …, 1
    private final double[] el2n = new double[N];

    PcaCompressionTest() {
        Arrays.setAll(el2n, i -> 15 - i);
    }

    private static InMemoryDataset constantImages() {
        int[] labels = new int[N];
        byte[] pixels = new byte[N * SIDE * SIDE];
        for (int i = 0; i < N; i++) {
            labels[i] = i % 2;
            Arrays.fill(pixels, i * SIDE * SIDE, (i + 1) * SIDE * SIDE, (byte) (10 * i));
        }
        return InMemoryDataset.of("toy", List.of("a", "b"), 1, SIDE, SIDE, labels, pixels);
    }

    private Path scores(Path dir) {
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put(Scores.EL2N, el2n);
        columns.put(Scores.FORGETTING, new double[N]);
        columns.put(Scores.AUM, new double[N]);
        int[] labels = new int[N];
        Arrays.setAll(labels, i -> i % 2);
        ScoreFiles.write(dir, new Scores(labels, columns), new ScoreCard(ScoreCard.FORMAT, "toy", N,
                toy.classNames(), null, "score-sgd", null, 3, 2, 1, List.of(0L), "seen", "logits", List.of(1.0),
                Scores.NAMES, "k", 0, "test"));
        return dir.resolve(ScoreFiles.CSV);
    }

    private Manifest pca(Path dir, int ipc, int factor) {
        Map<String, String> options = Map.of("scores", scores(dir.resolve("s")).toString(), "factor",
                String.valueOf(factor));
        return Compressor.run(toy, "toy", CompressionMethods.get("pca"), ipc, 0, options, dir.resolve("pca-" + ipc + "-" + factor)).manifest();
    }

    @Test
    void compositesTakeEveryNthRankedImageInRowMajorTiles(@TempDir Path dir) {
        Manifest m = pca(dir, 2, 2);
        assertEquals(2, m.factor());
        assertEquals(4, m.images().size());
        // class 0 ranked 14, 12, 10, 8, 6, 4, 2, 0 -> composite 0 takes ranks 0, 2, 4, 6; composite 1 ranks 1, 3, 5, 7
        assertArrayEquals(new int[] {14, 10, 6, 2}, m.images().get(0).sources());
        assertArrayEquals(new int[] {12, 8, 4, 0}, m.images().get(1).sources());
        assertArrayEquals(new int[] {15, 11, 7, 3}, m.images().get(2).sources());
        assertArrayEquals(new int[] {13, 9, 5, 1}, m.images().get(3).sources());
        assertEquals(List.of(0, 0, 1, 1), m.images().stream().map(Manifest.Entry::label).toList());
        assertEquals(8, ((Number) m.parameters().get("selected_per_class")).intValue());
    }

    @Test
    void storedCompositeIsTheGridOfItsSources(@TempDir Path dir) {
        Manifest m = pca(dir, 2, 2);
        CompressedDataset ds = CompressedDataset.open(dir.resolve("pca-2-2"));
        for (int k = 0; k < ds.size(); k++) {
            int[] src = m.images().get(k).sources();
            byte[] expected = new byte[SIDE * SIDE];
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    expected[y * SIDE + x] = (byte) (10 * src[(y / 2) * 2 + x / 2]);
                }
            }
            byte[] got = new byte[SIDE * SIDE];
            ds.readImage(k, got);
            assertArrayEquals(expected, got, "composite " + k);
        }
    }

    @Test
    void factorOneIsEl2nEasyBalancedSelection(@TempDir Path dir) {
        Manifest pca = pca(dir, 3, 1);
        Manifest el2n = Compressor.run(toy, "toy", CompressionMethods.get("el2n"), 3, 0,
                Map.of("scores", dir.resolve("s").resolve(ScoreFiles.CSV).toString()), dir.resolve("el2n")).manifest();
        assertEquals(1, pca.factor());
        assertEquals(sourcesByClass(el2n), sourcesByClass(pca));
        // and the same pixels for the same source
        CompressedDataset a = CompressedDataset.open(dir.resolve("pca-3-1"));
        CompressedDataset b = CompressedDataset.open(dir.resolve("el2n"));
        Map<Integer, byte[]> bySource = new HashMap<>();
        for (int k = 0; k < b.size(); k++) {
            byte[] px = new byte[SIDE * SIDE];
            b.readImage(k, px);
            bySource.put(el2n.images().get(k).sources()[0], px);
        }
        for (int k = 0; k < a.size(); k++) {
            byte[] px = new byte[SIDE * SIDE];
            a.readImage(k, px);
            assertArrayEquals(bySource.get(pca.images().get(k).sources()[0]), px);
        }
    }

    private static List<List<Integer>> sourcesByClass(Manifest m) {
        List<List<Integer>> out = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>()));
        for (Manifest.Entry e : m.images()) {
            out.get(e.label()).add(e.sources()[0]);
        }
        out.forEach(l -> l.sort(Integer::compare));
        return out;
    }

    @Test
    void refusesMoreTilesThanAClassHasAndWritesNothing(@TempDir Path dir) {
        UserException e = assertThrows(UserException.class, () -> pca(dir, 3, 2));
        assertTrue(e.getMessage().contains("needs 12 images per class"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("pca-3-2")));
        UserException bad = assertThrows(UserException.class, () -> pca(dir, 1, 0));
        assertTrue(bad.getMessage().contains("option factor of method pca"), bad.getMessage());
    }
}
