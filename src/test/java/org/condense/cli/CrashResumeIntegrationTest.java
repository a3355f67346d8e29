package org.condense.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.condense.data.DataOptions;
import org.condense.data.Datasets;
import org.condense.data.ImageDataset;
import org.condense.data.Split;
import org.condense.data.Png;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the real CLI (SIGKILL, at seeded random moments) while it scores, evaluates, synthesises
 * with SRe2L and runs a two-process bench, resumes each with the same command, and checks that
 * the results equal, to the bit, those of uninterrupted runs: no record lost or doubled, no
 * temporary folder left, and {@code bench --verify} finds nothing. A test per stage, so one can be
 * run alone ({@code -Dtest='CrashResumeIntegrationTest#killedSre2l*'}); several minutes of CPU in all.
 */
@Tag("integration")
class CrashResumeIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KILLS_PER_STAGE = 3;

    private SplittableRandom random;
    private int kills;
    private ChildCli cli;
    /** A small ImageFolder of Fashion-MNIST with its own small test set: the runs stay short. */
    private String slice;

    /** Each stage draws its kill moments from its own seed, so a stage run alone kills as it does in the whole class. */
    private void start(Path dir, int stage) throws Exception {
        random = new SplittableRandom(20261201 + stage);
        cli = new ChildCli(dir.resolve("logs"));
        slice = writeSlice(dir.resolve("fm600"), 600, 300).toString();
    }

    /** A random subset of the slice, 10 images per class. */
    private Path subset(Path dir) throws Exception {
        Path subset = dir.resolve("subset");
        cli.run("compress", "--dataset", slice, "--image-size", "28", "--method", "random", "--ipc", "10", "--out",
                subset.toString());
        return subset;
    }

    @Test
    void killedScoringResumesToTheSameScores(@TempDir Path dir) throws Exception {
        start(dir, 0);
        // scores of every sample, bit for bit
        String[] score = {"score", "--dataset", slice, "--image-size", "28", "--model", "convnet", "--width", "16",
                "--epochs", "6", "--k", "3", "--batch-size", "50", "--seed", "5", "--out"};
        Path scoresRef = dir.resolve("scores-ref");
        Path scores = dir.resolve("scores");
        double seconds = cli.workSeconds("epoch", with(score, scoresRef));
        killAndResume("epoch", seconds, with(score, scores));
        for (String f : List.of("scores.csv", "el2n.npy", "forgetting.npy", "aum.npy")) {
            assertArrayEquals(Files.readAllBytes(scoresRef.resolve(f)), Files.readAllBytes(scores.resolve(f)), f);
        }
        finish(dir, 2);
    }

    @Test
    void killedEvaluationResumesToTheSameRecord(@TempDir Path dir) throws Exception {
        start(dir, 1);
        // the same record but for its wall time
        Path subset = subset(dir);
        String[] evaluate = {"evaluate", "--data", subset.toString(), "--image-size", "28", "--protocol", "standard-hard", "--epochs", "25",
                "--set", "eval_batch_size=2000", "--seeds", "0", "--checkpoint-seconds", "0", "--out"};
        Path evalRef = dir.resolve("eval-ref");
        Path eval = dir.resolve("eval");
        double seconds = cli.workSeconds("epoch", with(evaluate, evalRef));
        killAndResume("epoch", seconds, with(evaluate, eval));
        assertEquals(records(evalRef), records(eval), cli::allLogs);
        finish(dir, 2);
    }

    @Test
    void killedSre2lSynthesisResumesToTheSameImages(@TempDir Path dir) throws Exception {
        start(dir, 2);
        // SRe2L synthesis in 5 batches: the same images and manifest, byte for byte
        Path teacher = dir.resolve("teacher");
        cli.run("train", "--dataset", subset(dir).toString(), "--image-size", "28", "--model", "convnet", "--norm", "batch",
                "--protocol", "standard-hard", "--epochs", "1", "--out", teacher.toString());
        String[] sre2l = {"compress", "--dataset", slice, "--image-size", "28", "--method", "sre2l", "--teacher", teacher.toString(),
                "--ipc", "1", "--option", "iterations=30", "--option", "classes_per_batch=2", "--out"};
        Path synthRef = dir.resolve("sre2l-ref");
        Path synth = dir.resolve("sre2l");
        double seconds = cli.workSeconds("iteration", with(sre2l, synthRef));
        killAndResume("iteration", seconds, with(sre2l, synth));
        Map<String, String> ref = tree(synthRef);
        Map<String, String> resumed = tree(synth);
        assertEquals(ref, resumed, () -> "files that differ: " + differing(ref, resumed) + "\n" + cli.allLogs());
        finish(dir, 2);
    }

    @Test
    void killedTwoProcessBenchResumesToTheSameStore(@TempDir Path dir) throws Exception {
        start(dir, 3);
        // a bench of two processes, each killed at its own moment, both restarted
        Path grid = dir.resolve("grid.yaml");
        Files.writeString(grid, """
                name: crash
                dataset: %s
                methods: [random]
                ipc: [1, 2]
                protocols: [standard-hard]
                set: {epochs: 3, eval_batch_size: 2000}
                seeds: [0, 1]
                """.formatted(slice));
        Path benchRef = dir.resolve("bench-ref");
        Path bench = dir.resolve("bench");
        double seconds = timed(() -> cli.run("bench", grid.toString(), "--work", benchRef.toString(), "--workers", "1",
                "--image-size", "28"));
        killTwoProcessBench(seconds, grid, bench);
        assertEquals(storeRecords(benchRef), storeRecords(bench));
        assertEquals(Files.readAllLines(benchRef.resolve("results.jsonl")).size(),
                Files.readAllLines(bench.resolve("results.jsonl")).size(), "no record doubled");
        try (Stream<Path> folders = Files.list(benchRef.resolve("data"))) {
            for (Path f : (Iterable<Path>) folders::iterator) {
                assertEquals(tree(f), tree(bench.resolve("data").resolve(f.getFileName())), f.getFileName().toString());
            }
        }
        cli.run("bench", grid.toString(), "--work", bench.toString(), "--image-size", "28", "--verify");
        finish(dir, 3);
    }

    /** Enough kills landed, and no temporary file or folder is left anywhere. */
    private void finish(Path dir, int minKills) throws Exception {
        assertTrue(kills >= minKills, "only " + kills + " kills landed");
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> left = all.filter(p -> {
                String n = p.getFileName().toString();
                return n.contains(".tmp") || n.endsWith(".partial");
            }).toList();
            assertEquals(List.of(), left, "temporary files and folders left behind");
        }
    }

    /**
     * Starts the command and kills it at a random moment once its work shows {@code progress} (within
     * half the {@code seconds} an uninterrupted run worked after showing it), again on each resume,
     * then lets it finish.
     */
    private void killAndResume(String progress, double seconds, String... args) throws Exception {
        for (int k = 0; k < KILLS_PER_STAGE; k++) {
            if (!ChildCli.killDuringWork(cli.launch(args), progress, random.nextDouble(0, 0.5) * seconds)) {
                return; // finished before the kill: the resumed work was shorter than the moment drawn
            }
            kills++;
        }
        cli.run(args);
    }

    /** Two bench processes on one work folder, killed independently; restarted until a round ends with both done. */
    private void killTwoProcessBench(double seconds, Path grid, Path work) throws Exception {
        String[] bench = {"bench", grid.toString(), "--work", work.toString(), "--workers", "1", "--image-size", "28"};
        for (int round = 0; round < 2; round++) {
            ChildCli.Child a = cli.launch(bench);
            ChildCli.Child b = cli.launch(bench);
            double killA = random.nextDouble(0, 0.5) * seconds;
            double killB = random.nextDouble(0, 0.5) * seconds;
            boolean aFirst = killA <= killB;
            long t0 = System.nanoTime();
            kills += ChildCli.killDuringWork(aFirst ? a : b, "training", Math.min(killA, killB)) ? 1 : 0;
            double waited = (System.nanoTime() - t0) / 1e9;
            kills += ChildCli.killAfter((aFirst ? b : a).process(), Math.max(0, Math.max(killA, killB) - waited)) ? 1 : 0;
        }
        Process a = cli.start(bench);
        Process b = cli.start(bench);
        assertEquals(0, a.waitFor(), cli.lastLog());
        assertEquals(0, b.waitFor(), cli.lastLog());
    }

    private static String[] with(String[] args, Path out) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = out.toString();
        return all;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static double timed(Step step) throws Exception {
        long t0 = System.nanoTime();
        step.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Records of an evaluate --out, without what differs between processes (the wall time). */
    private static Map<String, JsonNode> records(Path out) throws Exception {
        Map<String, JsonNode> byName = new TreeMap<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json"))::iterator) {
                byName.put(f.getFileName().toString(), withoutTime(JSON.readTree(f.toFile())));
            }
        }
        assertTrue(!byName.isEmpty(), "no record in " + out);
        return byName;
    }

    private static Map<String, JsonNode> storeRecords(Path work) throws Exception {
        Map<String, JsonNode> byKey = new TreeMap<>();
        for (String line : Files.readAllLines(work.resolve("results.jsonl"))) {
            JsonNode r = JSON.readTree(line);
            assertTrue(byKey.put(r.get("key").asText(), withoutTime(r)) == null, "duplicate record " + r.get("key"));
        }
        assertEquals(4, byKey.size());
        return byKey;
    }

    private static JsonNode withoutTime(JsonNode record) {
        ((ObjectNode) record).remove("wall_seconds");
        ((ObjectNode) record).remove("provenance"); // when and where it ran: not part of the result
        return record;
    }

    /** The paths whose hashes differ or that only one side has (first in a failure message: the logs after it are long). */
    private static List<String> differing(Map<String, String> a, Map<String, String> b) {
        java.util.TreeSet<String> paths = new java.util.TreeSet<>(a.keySet());
        paths.addAll(b.keySet());
        return paths.stream().filter(p -> !java.util.Objects.equals(a.get(p), b.get(p))).toList();
    }

    /** Every file of a dataset folder by relative path (its SHA-256), but the cost file, which holds seconds. */
    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                String rel = root.relativize(p).toString();
                if (!rel.equals("cost.json")) {
                    files.put(rel, org.condense.io.Hashing.sha256(p));
                }
            }
        }
        assertTrue(files.containsKey("manifest.json"), "no manifest in " + root);
        return files;
    }

    /** The first images of Fashion-MNIST's train and test splits as an ImageFolder (streamed from disk like a real one). */
    private static Path writeSlice(Path root, int train, int test) throws Exception {
        write(Datasets.open("fashion-mnist", Split.TRAIN, DataOptions.defaults()), train, root.resolve("train"));
        write(Datasets.open("fashion-mnist", Split.TEST, DataOptions.defaults()), test, root.resolve("val"));
        return root;
    }

    private static void write(ImageDataset fm, int n, Path folder) throws Exception {
        byte[] pixels = new byte[fm.imageBytes()];
        for (int i = 0; i < n; i++) {
            fm.readImage(i, pixels);
            Path file = folder.resolve(String.format("c%d/%05d.png", fm.label(i), i));
            Files.createDirectories(file.getParent());
            Files.write(file, Png.encode(pixels, 1, 28, 28));
        }
    }
}
