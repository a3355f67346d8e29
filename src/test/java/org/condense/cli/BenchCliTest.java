package org.condense.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.condense.bench.ResultStore;
import org.condense.data.DataOptions;
import org.condense.data.Datasets;
import org.condense.data.Split;
import org.condense.evaluate.ResultRecord;
import org.condense.score.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code condense bench} end to end on real Fashion-MNIST (tiny runs): a grid of 2 runs, a kill
 * between runs, a crash in the middle of an append, a rerun with nothing to do, the dry run, and
 * records copied from {@code condense evaluate} with --reuse.
 */
class BenchCliTest {
    private static String grid(Path scores) {
        return """
                name: fm-test
                dataset: fashion-mnist
                scores: %s
                methods: [random, {method: el2n, label: easy}]
                ipc: [2]
                protocols: [standard-hard]
                set: {epochs: 2, eval_batch_size: 1000}
                seeds: [0]
                """.formatted(scores);
    }

    @Test
    void runsResumesAfterKillAndTornLineAndSkipsWhatIsDone(@TempDir Path dir) throws Exception {
        int n = Datasets.open("fashion-mnist", Split.TRAIN, DataOptions.defaults()).size();
        Path scores = dir.resolve("el2n.npy");
        Files.write(scores, Npy.encode(new SplittableRandom(1).doubles(n).toArray()));
        Path gridFile = dir.resolve("grid.yaml");
        Files.writeString(gridFile, grid(scores));
        Path work = dir.resolve("work");
        Path store = work.resolve("results.jsonl");
        // the first pass runs two worker processes (this one and a child) that share the grid's two runs
        Run first = Run.of("bench", gridFile.toString(), "--work", work.toString(), "--workers", "2", "--threads", "1");
        String[] bench = {"bench", gridFile.toString(), "--work", work.toString(), "--workers", "1"};

        assertEquals(0, first.code(), first.err());
        List<String> lines = Files.readAllLines(store);
        assertEquals(2, lines.size());
        assertEquals(2, ResultStore.read(store).stream().map(ResultRecord::key).distinct().count());
        assertTrue(Files.isDirectory(work.resolve("data/fashion-mnist-easy-ipc2-seed0")));

        // killed between runs: the last run's record never made it
        Files.writeString(store, lines.get(0) + "\n");
        assertEquals(0, Run.of(bench).code());
        List<String> resumed = Files.readAllLines(store);
        assertEquals(lines.get(0), resumed.get(0)); // appended only, the earlier run untouched
        assertEquals(2, resumed.size());
        assertEquals(key(lines.get(1)), key(resumed.get(1)));

        // killed in the middle of writing the last record
        String text = Files.readString(store);
        Files.writeString(store, text.substring(0, text.length() - 30));
        assertEquals(0, Run.of(bench).code());
        assertTrue(Files.isRegularFile(work.resolve("results.jsonl.torn-1")));
        assertEquals(2, ResultStore.read(store).size());

        // nothing to do: the store does not change
        byte[] before = Files.readAllBytes(store);
        assertEquals(0, Run.of(bench).code());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(store));

        // the report of the store: its table equals the records, and the datasets are drawn
        Path report = dir.resolve("report");
        Run r = Run.of("report", store.toString(), "--out", report.toString());
        assertEquals(0, r.code(), r.err());
        String md = Files.readString(report.resolve("report.md"));
        List<ResultRecord> recs = ResultStore.read(store);
        double random = recs.stream().filter(x -> x.method().equals("random")).findFirst().orElseThrow().top1();
        double easy = recs.stream().filter(x -> x.method().equals("el2n")).findFirst().orElseThrow().top1();
        assertTrue(md.contains("## fashion-mnist · convnet · standard"), md);
        assertTrue(md.contains(String.format("| random | %.2f ± 0.00 |", random)), md);
        assertTrue(md.contains(String.format("| el2n | %.2f ± 0.00 %s%.2f |", easy, easy >= random ? "▲ +" : "▼ −",
                Math.abs(easy - random))), md);
        assertTrue(Files.isRegularFile(report.resolve("img/fashion-mnist-el2n-ipc2-grid.png")));
        assertTrue(Files.isRegularFile(report.resolve("img/fashion-mnist-el2n-ipc2-scores.png")), "EL2N histogram");
        assertTrue(Files.isRegularFile(report.resolve("img/fashion-mnist-random-ipc2-classes.png")));
        // what each dataset cost, beside the scoring run it shares
        assertTrue(md.contains("## Compression time"), md);
        // this grid's scores are a bare file, so the scoring run's time is not known
        assertTrue(md.matches("(?s).*\\| fashion-mnist \\| el2n \\| 2 \\| 1 \\| [^|]+ s \\| scoring run \\(card not found: [^|]+\\) \\|.*"), md);
        assertTrue(md.matches("(?s).*\\| fashion-mnist \\| random \\| 2 \\| 1 \\| [^|]+ s \\| none \\|.*"), md);
        assertTrue(Files.readString(report.resolve("report.html")).contains("src=\"data:image/png;base64,"));

        // a folder that kept only the datasets' manifests and costs (the images were not kept):
        // the same tables and compression times, and no image of those datasets
        Path recordsOnly = dir.resolve("records-only");
        for (String name : List.of("fashion-mnist-random-ipc2-seed0", "fashion-mnist-easy-ipc2-seed0")) {
            Files.createDirectories(recordsOnly.resolve(name));
            for (String file : List.of("manifest.json", "cost.json")) {
                Files.copy(work.resolve("data").resolve(name).resolve(file), recordsOnly.resolve(name).resolve(file));
            }
        }
        Path fromRecords = dir.resolve("report-from-records");
        Run rr = Run.of("report", store.toString(), "--datasets", recordsOnly.toString(), "--out", fromRecords.toString());
        assertEquals(0, rr.code(), rr.err());
        String recordsMd = Files.readString(fromRecords.resolve("report.md"));
        assertTrue(recordsMd.contains(String.format("| random | %.2f ± 0.00 |", random)), recordsMd);
        assertTrue(recordsMd.matches("(?s).*\\| fashion-mnist \\| random \\| 2 \\| 1 \\| [^|]+ s \\| none \\|.*"), recordsMd);
        assertFalse(Files.exists(fromRecords.resolve("img/fashion-mnist-random-ipc2-grid.png")));
        // the page says how to make it again, with the dataset folder it was made from
        assertTrue(recordsMd.contains("condense report " + store + " --datasets " + recordsOnly + " --out " + fromRecords),
                recordsMd);

        String dry = stdout(() -> Run.of("bench", gridFile.toString(), "--work", work.toString(), "--dry-run"));
        assertEquals(2, dry.lines().filter(l -> l.startsWith("done")).count(), dry);
        assertTrue(dry.contains("0 runs to train"), dry);

        // the finished store and its data agree; a duplicate line and a leftover temp folder do not
        String[] verify = {"bench", gridFile.toString(), "--work", work.toString(), "--verify"};
        int[] code = new int[1];
        String clean = stdout(() -> code[0] = Run.of(verify).code());
        assertEquals(0, code[0], clean);
        assertTrue(clean.contains(": 0 problem(s)"), clean);
        String firstLine = Files.readAllLines(store).get(0);
        Files.writeString(store, firstLine + "\n", java.nio.file.StandardOpenOption.APPEND);
        Files.createDirectories(work.resolve("data/.fashion-mnist-random-ipc2-seed0.tmp-1"));
        String broken = stdout(() -> code[0] = Run.of(verify).code());
        assertEquals(2, code[0], broken);
        assertTrue(broken.contains("store line 3: duplicate of line 1 (key " + key(firstLine) + ")"), broken);
        assertTrue(broken.contains("leftover temporary folder " + work.resolve("data/.fashion-mnist-random-ipc2-seed0.tmp-1")),
                broken);
        assertTrue(broken.contains(": 2 problem(s)"), broken);
    }

    @Test
    void aRunWhoseDatasetAnotherProcessIsBuildingWaitsWhileTheNextRuns(@TempDir Path dir) throws Exception {
        Path gridFile = dir.resolve("grid.yaml");
        Files.writeString(gridFile, grid(dir.resolve("none.npy")).replace("methods: [random, {method: el2n, label: easy}]",
                "methods: [random]").replace("scores: " + dir.resolve("none.npy") + "\n", "").replace("seeds: [0]",
                "seeds: [0, 1]"));
        Path work = dir.resolve("work");
        Path store = work.resolve("results.jsonl");
        Path lock = Files.createDirectories(work.resolve("locks")).resolve("data-fashion-mnist-random-ipc2-seed0.lock");
        // another process holds seed 0's dataset lock, as a bench process does while it builds it
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HoldLock.class.getName(), lock.toString()).start();
        try {
            java.io.BufferedReader said = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("held", said.readLine());
            Run[] bench = new Run[1];
            // (no --threads: libtorch takes its thread counts once per process, and earlier tests ran in this one)
            Thread worker = new Thread(() -> bench[0] = Run.of("bench", gridFile.toString(), "--work", work.toString(),
                    "--workers", "1"));
            worker.start();
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (!(Files.isRegularFile(store) && ResultStore.read(store).size() == 1) && System.nanoTime() < deadline
                    && worker.isAlive()) {
                Thread.sleep(100);
            }
            assertEquals(1, ResultStore.read(store).size(), () -> "seed 1 trains while seed 0's dataset is locked; bench "
                    + (bench[0] == null ? "still running" : "ended: " + bench[0].err()));
            assertEquals(1L, ResultStore.read(store).get(0).seed());
            assertTrue(worker.isAlive(), "seed 0 waits for its dataset");
            holder.destroy(); // the OS releases the lock
            worker.join(300_000);
            assertEquals(0, bench[0].code(), bench[0].err());
            List<ResultRecord> records = ResultStore.read(store);
            assertEquals(List.of(1L, 0L), records.stream().map(ResultRecord::seed).toList());
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void dryRunEstimatesAndReuseCopiesEvaluateRecords(@TempDir Path dir) throws Exception {
        Path gridFile = dir.resolve("grid.yaml");
        Files.writeString(gridFile, grid(dir.resolve("none.npy")).replace("methods: [random, {method: el2n, label: easy}]",
                "methods: [random]").replace("scores: " + dir.resolve("none.npy") + "\n", ""));
        Path work = dir.resolve("work");
        String dry = stdout(() -> Run.of("bench", gridFile.toString(), "--work", work.toString(), "--dry-run",
                "--assume-images-per-second", "10"));
        // 2 epochs × 2 IPC × 10 classes / 10 img/s = 4 s per run
        assertEquals(1, dry.lines().filter(l -> l.startsWith("to run")).count(), dry);
        assertTrue(dry.contains("~0 min") && dry.contains("1 runs to train, about 0.0 h"), dry);
        assertTrue(!Files.exists(work.resolve("data")), "a dry run builds nothing");

        // a run made by `condense evaluate` on the same data is copied, not redone
        assertEquals(0, Run.of("bench", gridFile.toString(), "--work", work.toString()).code());
        Path data = work.resolve("data/fashion-mnist-random-ipc2-seed0");

        // the record is what counts: with the data folder gone the run is done, and said to lack its data
        Path away = dir.resolve("away");
        Files.move(data, away);
        String gone = stdout(() -> Run.of("bench", gridFile.toString(), "--work", work.toString(), "--dry-run"));
        List<String> done = gone.lines().filter(l -> l.startsWith("done")).toList();
        assertEquals(1, done.size(), gone);
        assertTrue(done.get(0).startsWith("done (data missing)") && done.get(0).endsWith("seed0"), gone);
        assertTrue(gone.contains("0 runs to train"), gone);
        // another seed's record does not stand for it
        Path store = work.resolve("results.jsonl");
        String original = Files.readString(store);
        Files.writeString(store, original.replace("\"seed\":0", "\"seed\":7"));
        String otherSeed = stdout(() -> Run.of("bench", gridFile.toString(), "--work", work.toString(), "--dry-run"));
        assertTrue(otherSeed.contains("1 runs to train"), otherSeed);
        Files.writeString(store, original);
        Files.move(away, data);
        Path evaluated = dir.resolve("evaluated");
        Run e = Run.of("evaluate", "--data", data.toString(), "--protocol", "standard-hard", "--epochs", "2", "--set",
                "eval_batch_size=1000", "--seeds", "0", "--out", evaluated.toString());
        assertEquals(0, e.code(), e.err());
        Path fresh = dir.resolve("fresh.jsonl");
        Run reuse = Run.of("bench", gridFile.toString(), "--work", work.toString(), "--store", fresh.toString(), "--reuse",
                evaluated.toString());
        assertEquals(0, reuse.code(), reuse.err());
        List<ResultRecord> copied = ResultStore.read(fresh);
        assertEquals(1, copied.size());
        ResultRecord fromEvaluate = org.condense.evaluate.ResultRecords.readAll(List.of(evaluated)).get(0);
        assertEquals(fromEvaluate.key(), copied.get(0).key());
        assertEquals(fromEvaluate.wallSeconds(), copied.get(0).wallSeconds()); // the same record, not a new run
    }

    @Test
    void userMistakesAreOneLine(@TempDir Path dir) throws Exception {
        Run missing = Run.of("bench", dir.resolve("nope.yaml").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("condense: error: no grid file"), missing.err());
        Path g = dir.resolve("g.yaml");
        Files.writeString(g, "name: g\ndataset: fashion-mnist\nmethods: [random]\nipc: [2]\nprotocols: [standard-soft]\n");
        Run soft = Run.of("bench", g.toString(), "--work", dir.resolve("w").toString());
        assertEquals(2, soft.code());
        assertTrue(soft.err().contains("add `teacher: FOLDER`"), soft.err());
        assertEquals(1, soft.err().strip().lines().count(), soft.err());
    }

    private static String key(String jsonLine) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(jsonLine).get("key").asText();
    }

    private static String stdout(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
