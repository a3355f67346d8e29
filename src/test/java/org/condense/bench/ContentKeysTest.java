package org.condense.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.condense.StandInWork;
import org.condense.UserException;
import org.condense.compress.CompressedDataset;
import org.condense.compress.Compressor;
import org.condense.compress.Manifest;
import org.condense.data.DataOptions;
import org.condense.data.Datasets;
import org.condense.data.ImageDataset;
import org.condense.data.Split;
import org.condense.evaluate.EvaluationRunner;
import org.condense.evaluate.Protocols;
import org.condense.evaluate.ResultRecord;
import org.condense.io.Hashing;
import org.condense.methods.CompressionMethods;
import org.condense.model.NetworkSpec;
import org.condense.train.Protocol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs are named by the content of their inputs, not by where they lie: a work folder copied
 * elsewhere keeps every key; one changed byte of the teacher's weights or of the scores gives new
 * ones; and {@code bench --migrate} rekeys a store of the path-named kind exactly as a run computes
 * its key today. Small real fixtures: Fashion-MNIST, IPC 2, a teacher card with stand-in weights
 * (keys read the card and hash the weights; nothing here trains).
 */
class ContentKeysTest {
    private static ImageDataset train;

    @BeforeAll
    static void open() {
        train = Datasets.open("fashion-mnist", Split.TRAIN, DataOptions.defaults());
    }

    /** A work folder: scores, a teacher with stand-in weights, and an el2n dataset made from those scores. */
    private static Path makeWork(Path root) throws Exception {
        return StandInWork.make(train, root, "data/fm-el2n");
    }

    private static String key(Path work, String protocol) {
        Protocol p = Protocols.load(protocol, Map.of("epochs", "1"));
        return new EvaluationRunner(line -> { }).plan(new EvaluationRunner.Request(
                work.resolve("data/fm-el2n").toString(), p, "convnet", null, List.of(0L), work.resolve("teacher"), null,
                DataOptions.defaults())).key(0);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    @Test
    void aMovedWorkFolderKeepsItsKeysAndChangedInputsGetNewOnes(@TempDir Path dir) throws Exception {
        Path a = makeWork(dir.resolve("a"));
        String soft = key(a, "standard-soft");
        String hard = key(a, "standard-hard");
        String manifestText = Files.readString(a.resolve("data/fm-el2n/manifest.json"));
        assertFalse(manifestText.contains(dir.toString()), "no absolute path in the manifest: " + manifestText);
        assertTrue(manifestText.contains("\"scores\" : \"../../el2n.npy\""), manifestText);

        // the same folder elsewhere: same keys, and compressing again reuses the dataset there
        Path b = dir.resolve("moved/b");
        copyTree(a, b);
        assertEquals(soft, key(b, "standard-soft"));
        assertEquals(hard, key(b, "standard-hard"));
        assertTrue(Compressor.run(train, "fashion-mnist", CompressionMethods.get("el2n"), 2, 0,
                Map.of("scores", b.resolve("el2n.npy").toString()), b.resolve("data/fm-el2n")).reused());

        // one byte of the teacher's weights: soft-label runs get a new key, hard-label runs keep theirs
        Path weights = b.resolve("teacher/model.params");
        byte[] w = Files.readAllBytes(weights);
        w[0] ^= 1;
        Files.write(weights, w);
        assertNotEquals(soft, key(b, "standard-soft"));
        assertEquals(hard, key(b, "standard-hard"));

        // one byte of the scores: the dataset made from the old ones is not reused, and a new one has another key
        Path scores = b.resolve("el2n.npy");
        byte[] sc = Files.readAllBytes(scores);
        sc[sc.length - 1] ^= 1;
        Files.write(scores, sc);
        UserException e = assertThrows(UserException.class, () -> Compressor.run(train, "fashion-mnist",
                CompressionMethods.get("el2n"), 2, 0, Map.of("scores", scores.toString()), b.resolve("data/fm-el2n")));
        assertTrue(e.getMessage().contains("another version of the scores file"), e.getMessage());
        Manifest fresh = Compressor.run(train, "fashion-mnist", CompressionMethods.get("el2n"), 2, 0,
                Map.of("scores", scores.toString()), b.resolve("data/fm-el2n-new")).manifest();
        Manifest old = CompressedDataset.readManifest(a.resolve("data/fm-el2n/manifest.json"));
        assertEquals(old.choices(), fresh.choices());
        assertNotEquals(old.key(), fresh.key());
    }

    /** A record as the path-keyed code wrote it: the teacher's absolute path and a key that hashed it. */
    private static ObjectNode oldRecord(Path work, String protocol) {
        ObjectNode r = ResultStore.JSON.createObjectNode();
        Protocol p = Protocols.load(protocol, Map.of("epochs", "1"));
        r.put("key", "0123456789abcdef");
        r.put("data", "fm-el2n");
        r.put("source_dataset", "fashion-mnist");
        r.put("method", "el2n");
        r.put("ipc", 2);
        r.put("protocol", p.name());
        r.set("protocol_config", p.resolved());
        r.set("network", ResultStore.JSON.valueToTree(NetworkSpec.of("convnet", 1, 28, 10)));
        if (p.recipe().softLabels()) {
            r.put("teacher", work.resolve("teacher").toAbsolutePath().toString());
        } else {
            r.putNull("teacher");
        }
        r.put("seed", 0);
        r.put("top1", 50.0);
        return r;
    }

    @Test
    void migrationRekeysRecordsAsRunsKeyThemTodayAndIsIdempotent(@TempDir Path dir) throws Exception {
        Path work = makeWork(dir.resolve("work"));
        Path store = dir.resolve("store.jsonl");
        ObjectNode gone = oldRecord(work, "standard-soft");
        gone.put("teacher", dir.resolve("no-teacher").toString());
        gone.put("seed", 1);
        Files.writeString(store, oldRecord(work, "standard-soft") + "\n" + oldRecord(work, "standard-hard") + "\n"
                + gone + "\n");

        StoreMigration.Summary s = new StoreMigration(null, work, store, List.of()).run();
        assertEquals(3, s.records());
        assertEquals(2, s.rekeyed());
        assertEquals(1, s.kept());
        List<String> lines = Files.readAllLines(store);
        ResultRecord soft = ResultStore.JSON.readValue(lines.get(0), ResultRecord.class);
        ResultRecord hard = ResultStore.JSON.readValue(lines.get(1), ResultRecord.class);
        assertEquals(key(work, "standard-soft"), soft.key());
        assertEquals(key(work, "standard-hard"), hard.key());
        assertEquals("sha256:" + Hashing.sha256(work.resolve("teacher/model.params")), soft.teacher());
        assertNull(hard.teacher());
        ObjectNode kept = (ObjectNode) ResultStore.JSON.readTree(lines.get(2));
        assertEquals("0123456789abcdef", kept.get("key").asText(), "not migratable: the old key stays");
        assertTrue(kept.get(StoreMigration.MARKER).asText().contains("not found"), kept.toString());

        byte[] before = Files.readAllBytes(store);
        StoreMigration.Summary again = new StoreMigration(null, work, store, List.of()).run();
        assertEquals(0, again.rekeyed());
        assertEquals(2, again.unchanged());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(store), "a second migration changes nothing");
    }

    @Test
    void replacedTeacherWeightsAreNotPassedOffAsTheOnesARunUsed(@TempDir Path dir) throws Exception {
        Path work = makeWork(dir.resolve("work"));
        // a distilled dataset's manifest pinned the teacher's weights as they were then
        Path data = work.resolve("data/fm-el2n/manifest.json");
        Manifest m = CompressedDataset.readManifest(data);
        Map<String, Object> params = new java.util.TreeMap<>(m.parameters());
        params.put("teacher_dir", "../../teacher");
        params.put("teacher_sha256", Hashing.sha256("the weights before"));
        Manifest pinned = new Manifest(m.format(), m.sourceDataset(), m.sourceSize(), m.classes(), m.method(), m.options(),
                params, m.ipc(), m.seed(), m.resolution(), m.channels(), m.factor(), m.mean(), m.std(), m.images(), m.bytes(),
                m.codeVersion());
        new ObjectMapper().writeValue(data.toFile(), pinned);
        Path store = dir.resolve("store.jsonl");
        Files.writeString(store, oldRecord(work, "standard-soft") + "\n");
        StoreMigration.Summary s = new StoreMigration(null, work, store, List.of()).run();
        assertEquals(1, s.kept());
        assertTrue(Files.readString(store).contains("differ from those its datasets were made with"));
    }

    /** A checkpoint as a run of the path-keyed code left it: in force at epoch 3 under its old key. */
    private static Path oldCheckpoint(Path work, String oldKey) throws Exception {
        Path old = work.resolve("checkpoints").resolve(oldKey);
        Path saved = Files.createDirectories(old.resolve("epoch-00003-1-a"));
        Files.writeString(saved.resolve("checkpoint.txt"), oldKey + "\n3\n12.5\n");
        Files.writeString(old.resolve("current"), "epoch-00003-1-a\n");
        return old;
    }

    /** The key as the bench computed it before: the scores' and the teacher's absolute paths in it. */
    private static String oldKey(Manifest m, Map<String, String> absoluteOptions, Protocol p, String teacher) {
        ObjectNode identity = ResultStore.JSON.createObjectNode();
        identity.set("data", ResultStore.JSON.valueToTree(Map.of("source_dataset", m.sourceDataset(), "method",
                m.method(), "options", absoluteOptions, "ipc", m.ipc(), "seed", m.seed())));
        identity.set("protocol", p.resolved());
        identity.set("network", ResultStore.JSON.valueToTree(NetworkSpec.of("convnet", 1, 28, 10)));
        identity.put("teacher", teacher);
        identity.put("seed", 0L);
        return Hashing.sha256(identity).substring(0, 16);
    }

    @Test
    void checkpointsOfRunsInProgressAreRenamedToTheirNewKeys(@TempDir Path dir) throws Exception {
        Path work = makeWork(dir.resolve("work"));
        Path gridFile = dir.resolve("grid.yaml");
        Files.writeString(gridFile, """
                name: keys
                dataset: fashion-mnist
                scores: %s
                teacher: %s
                methods: [random, {method: el2n, label: easy}]
                ipc: [2]
                protocols: [standard-soft, standard-hard]
                set: {epochs: 1}
                seeds: [0]
                """.formatted(work.resolve("el2n.npy"), work.resolve("teacher")));
        Grid grid = GridFile.load(gridFile);
        List<BenchRun> runs = grid.expand();
        BenchRun randomSoft = runs.stream().filter(r -> r.method().method().equals("random")
                && r.protocol().preset().equals("standard-soft")).findFirst().orElseThrow();
        BenchRun el2nHard = runs.stream().filter(r -> r.method().method().equals("el2n")
                && r.protocol().preset().equals("standard-hard")).findFirst().orElseThrow();
        Path randomData = work.resolve("data").resolve(randomSoft.dataFolder());
        Manifest random = Compressor.run(train, "fashion-mnist", CompressionMethods.get("random"), 2, 0, Map.of(),
                randomData).manifest();
        Path el2nData = work.resolve("data").resolve(el2nHard.dataFolder());
        Map<String, String> scores = Map.of("scores", work.resolve("el2n.npy").toAbsolutePath().toString());
        Manifest el2n = Compressor.run(train, "fashion-mnist", CompressionMethods.get("el2n"), 2, 0, scores, el2nData)
                .manifest();
        Protocol soft = Protocols.load("standard-soft", Map.of("epochs", "1"));
        Protocol hard = Protocols.load("standard-hard", Map.of("epochs", "1"));
        String oldSoft = oldKey(random, Map.of(), soft, work.resolve("teacher").toAbsolutePath().normalize().toString());
        String oldHard = oldKey(el2n, scores, hard, null);
        Path old1 = oldCheckpoint(work, oldSoft);
        Path old2 = oldCheckpoint(work, oldHard);
        Path store = dir.resolve("store.jsonl");
        Files.writeString(store, "");

        StoreMigration.Summary s = new StoreMigration(grid, work, store, List.of()).run();
        assertEquals(2, s.checkpoints(), s.line(store));
        EvaluationRunner evaluator = new EvaluationRunner(line -> { });
        String newSoft = evaluator.plan(new EvaluationRunner.Request(randomData.toString(), soft, "convnet", null,
                List.of(0L), work.resolve("teacher"), null, DataOptions.defaults())).key(0);
        String newHard = evaluator.plan(new EvaluationRunner.Request(el2nData.toString(), hard, "convnet", null,
                List.of(0L), null, null, DataOptions.defaults())).key(0);
        for (String key : List.of(newSoft, newHard)) {
            Path moved = work.resolve("checkpoints").resolve(key);
            assertTrue(Files.isDirectory(moved), "renamed to " + key);
            assertEquals(key + "\n3\n12.5\n", Files.readString(moved.resolve("epoch-00003-1-a/checkpoint.txt")));
        }
        assertFalse(Files.exists(old1));
        assertFalse(Files.exists(old2));
        assertEquals(0, new StoreMigration(grid, work, store, List.of()).run().checkpoints(), "idempotent");
    }
}
