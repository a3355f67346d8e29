package org.condense.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.condense.ToyDataset;
import org.condense.UserException;
import org.condense.data.InMemoryDataset;
import org.condense.methods.CompressionMethods;
import org.condense.score.Npy;
import org.condense.score.ScoreCard;
import org.condense.score.ScoreFiles;
import org.condense.score.Scores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The score-based methods through {@link Compressor}: what they pick, what the manifest records, what they refuse. */
class ScoreMethodsTest {
    private final InMemoryDataset toy = ToyDataset.balanced(2, 6, 1, 4); // class = index % 2
    // el2n: class 0 (even) 6, 1, 5, 2, 4, 3 ; class 1 (odd) 0.1, 0.2, 0.3, 9, 8, 7
    private final double[] el2n = {6, 0.1, 1, 0.2, 5, 0.3, 2, 9, 4, 8, 3, 7};

    private Path scores(Path dir, String dataset) {
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put(Scores.EL2N, el2n);
        columns.put(Scores.FORGETTING, new double[12]);
        columns.put(Scores.AUM, Arrays.stream(el2n).map(v -> -v).toArray());
        int[] labels = new int[12];
        Arrays.setAll(labels, i -> i % 2);
        ScoreFiles.write(dir, new Scores(labels, columns), new ScoreCard(ScoreCard.FORMAT, dataset, 12,
                toy.classNames(), null, "score-sgd", null, 3, 2, 1, List.of(0L), "seen", "logits", List.of(1.0),
                Scores.NAMES, "k", 0, "test"));
        return dir.resolve(ScoreFiles.CSV);
    }

    private Manifest run(String method, Map<String, String> options, Path out) {
        return Compressor.run(toy, "toy", CompressionMethods.get(method), 2, 5, options, out).manifest();
    }

    private static List<Integer> sources(Manifest m) {
        return m.images().stream().map(e -> e.sources()[0]).toList();
    }

    @Test
    void el2nEasyBalancedKeepsTheLowestOfEachClassAndRecordsEveryChoice(@TempDir Path dir) {
        Path csv = scores(dir.resolve("s"), "toy");
        Manifest m = run("el2n", Map.of("scores", csv.toString()), dir.resolve("out"));
        assertEquals(List.of(2, 6, 1, 3), sources(m)); // class 0: 1, 2; class 1: 0.1, 0.2
        // paths relative to the dataset folder, the content pinned by its SHA-256
        String relative = dir.resolve("out").toAbsolutePath().relativize(csv.toAbsolutePath()).toString();
        assertEquals(Map.of("scores", relative), m.options());
        assertEquals("el2n", m.parameters().get("score"));
        assertEquals("easy", m.parameters().get("end"));
        assertEquals("low", m.parameters().get("easy_is"));
        assertEquals(true, m.parameters().get("balanced"));
        assertEquals(5L, ((Number) m.parameters().get("tie_break_seed")).longValue());
        assertEquals(relative, m.parameters().get("scores_file"));
        assertEquals(64, ((String) m.parameters().get("scores_sha256")).length());
    }

    @Test
    void aResultSelectedWithScoresThatChangedSinceIsNotReused(@TempDir Path dir) throws Exception {
        Path csv = scores(dir.resolve("s"), "toy");
        Map<String, String> options = Map.of("scores", csv.toString());
        run("el2n", options, dir.resolve("out"));
        assertTrue(Compressor.run(toy, "toy", CompressionMethods.get("el2n"), 2, 5, options, dir.resolve("out")).reused());
        el2n[2] = 100; // the same path, other scores
        scores(dir.resolve("s"), "toy");
        UserException e = assertThrows(UserException.class, () -> run("el2n", options, dir.resolve("out")));
        assertTrue(e.getMessage().contains("SHA-256 has changed"), e.getMessage());
    }

    @Test
    void hardAndUnbalancedAndAum(@TempDir Path dir) {
        Path csv = scores(dir.resolve("s"), "toy");
        assertEquals(List.of(0, 4, 7, 9), sources(run("el2n", Map.of("scores", csv.toString(), "hard", "true"),
                dir.resolve("hard"))));
        // global easy: 0.1, 0.2, 0.3, 1 -> three of class 1
        assertEquals(List.of(2, 1, 3, 5), sources(run("el2n", Map.of("scores", csv.toString(), "balanced", "false"),
                dir.resolve("global"))));
        // AUM = −EL2N here and high AUM is easy: the same subset as easy EL2N
        assertEquals(List.of(2, 6, 1, 3), sources(run("aum", Map.of("scores", csv.toString()), dir.resolve("aum"))));
    }

    @Test
    void ccsRecordsItsBins(@TempDir Path dir) {
        Path csv = scores(dir.resolve("s"), "toy");
        run("ccs", Map.of("scores", csv.toString(), "mis_ratio", "0.25"), dir.resolve("ccs"));
        Manifest m = CompressedDataset.readManifest(dir.resolve("ccs/manifest.json")); // as written to disk
        assertEquals(4, m.images().size());
        assertEquals(3, m.parameters().get("pruned")); // floor(0.25 · 12): AUM −9, −8, −7 = samples 7, 9, 11
        assertTrue(sources(m).stream().noneMatch(i -> i == 7 || i == 9 || i == 11), sources(m).toString());
        assertEquals(50, m.parameters().get("bins"));
        List<?> budgets = (List<?>) m.parameters().get("bin_budgets");
        assertEquals(2, budgets.size());
        assertEquals(50, ((List<?>) budgets.get(0)).size());
        assertEquals(0.25, m.parameters().get("mis_ratio"));
    }

    @Test
    void badScoresAreRefusedAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        assertError("el2n", Map.of(), out, "needs --option scores=");
        assertError("el2n", Map.of("scores", scores(dir.resolve("other"), "cifar10").toString()), out, "computed on cifar10");
        Path shortNpy = dir.resolve("el2n.npy");
        Files.write(shortNpy, Npy.encode(new double[11]));
        assertError("el2n", Map.of("scores", shortNpy.toString()), out, "has 11 values but toy has 12");
        double[] nan = el2n.clone();
        nan[4] = Double.NaN;
        Files.write(shortNpy, Npy.encode(nan));
        assertError("el2n", Map.of("scores", shortNpy.toString()), out, "NaN at sample 4");
        Path csv = scores(dir.resolve("s"), "toy");
        assertError("el2n", Map.of("scores", csv.toString(), "hrad", "true"), out, "has no option 'hrad'");
        assertError("el2n", Map.of("scores", csv.toString(), "hard", "yes"), out, "must be true or false");
        assertError("ccs", Map.of("scores", csv.toString(), "hard", "true"), out, "method ccs has no option 'hard'");
        assertError("ccs", Map.of("scores", csv.toString(), "mis_ratio", "0.9"), out, "fewer than --ipc 2");
        assertError("random", Map.of("hard", "true"), out, "method random has no option 'hard'");
        assertFalse(Files.exists(out));
    }

    private void assertError(String method, Map<String, String> options, Path out, String expected) {
        UserException e = assertThrows(UserException.class, () -> run(method, options, out));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
