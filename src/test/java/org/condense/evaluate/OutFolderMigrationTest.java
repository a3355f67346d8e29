package org.condense.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.condense.StandInWork;
import org.condense.UserException;
import org.condense.compress.Manifest;
import org.condense.data.DataOptions;
import org.condense.data.Datasets;
import org.condense.data.ImageDataset;
import org.condense.data.Split;
import org.condense.io.FileClaim;
import org.condense.io.Hashing;
import org.condense.model.NetworkSpec;
import org.condense.train.Protocol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --migrate}: an {@code --out} folder of the path-keyed kind (a record whose key
 * hashed the scores' and teacher's absolute paths, a checkpoint of a run in progress under such a
 * key) is brought to today's keys, as a run computes them; a second migration, or one after a
 * crash between writing the new record and removing the old, changes nothing more. Small real
 * fixtures: Fashion-MNIST, an el2n dataset at IPC 2, a teacher card with stand-in weights (nothing trains).
 */
class OutFolderMigrationTest {
    private static ImageDataset train;

    @BeforeAll
    static void open() {
        train = Datasets.open("fashion-mnist", Split.TRAIN, DataOptions.defaults());
    }

    /** Scores, an el2n dataset made from them, and a teacher with stand-in weights. */
    private static Path makeWork(Path root) throws Exception {
        return StandInWork.make(train, root, "fm-el2n");
    }

    private static EvaluationRunner.Plan plan(Path work, Path out) {
        Protocol p = Protocols.load("standard-soft", Map.of("epochs", "1"));
        return new EvaluationRunner(line -> { }).plan(new EvaluationRunner.Request(work.resolve("fm-el2n").toString(),
                p, "convnet", null, List.of(0L, 1L), work.resolve("teacher"), out, DataOptions.defaults()));
    }

    /** The key as evaluate computed it before, written out by hand: the scores' and the teacher's absolute paths in it. */
    private static String oldKey(Path work, long seed) {
        Manifest m = org.condense.compress.CompressedDataset.readManifest(work.resolve("fm-el2n/manifest.json"));
        ObjectNode identity = EvaluationRunner.JSON.createObjectNode();
        Map<String, String> options = new TreeMap<>(Map.of("scores",
                work.resolve("el2n.npy").toAbsolutePath().normalize().toString()));
        identity.set("data", EvaluationRunner.JSON.valueToTree(Map.of("source_dataset", "fashion-mnist", "method", "el2n",
                "options", options, "ipc", 2, "seed", 0L)));
        identity.set("protocol", Protocols.load("standard-soft", Map.of("epochs", "1")).resolved());
        identity.set("network", EvaluationRunner.JSON.valueToTree(NetworkSpec.of("convnet", 1, 28, 10)));
        identity.put("teacher", work.resolve("teacher").toAbsolutePath().normalize().toString());
        identity.put("seed", seed);
        assertEquals(m.seed(), 0);
        return Hashing.sha256(identity).substring(0, 16);
    }

    /** A record as the path-keyed code wrote it. */
    private static void oldRecord(EvaluationRunner.Plan plan, Path out, Path work, String key) throws Exception {
        ObjectNode r = EvaluationRunner.JSON.createObjectNode();
        r.put("key", key);
        r.put("data", "fm-el2n");
        r.put("method", "el2n");
        r.put("teacher", work.resolve("teacher").toAbsolutePath().toString());
        r.put("seed", 0);
        r.put("top1", 50.0);
        Files.createDirectories(out);
        EvaluationRunner.JSON.writeValue(plan.recordFile(out, 0, key).toFile(), r);
    }

    /** A checkpoint as a run of the path-keyed code left it: at epoch 3 under its old key. */
    private static Path oldCheckpoint(Path out, String key) throws Exception {
        Path old = out.resolve(".checkpoints").resolve(key);
        Path saved = Files.createDirectories(old.resolve("epoch-00003-1-a"));
        Files.writeString(saved.resolve("checkpoint.txt"), key + "\n3\n12.5\n");
        Files.writeString(old.resolve("current"), "epoch-00003-1-a\n");
        return old;
    }

    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(p).toString(), Hashing.sha256(p));
            }
        }
        return files;
    }

    @Test
    void recordsAndCheckpointsMoveToTodaysKeysOnce(@TempDir Path dir) throws Exception {
        Path work = makeWork(dir.resolve("work"));
        Path out = dir.resolve("results");
        EvaluationRunner.Plan plan = plan(work, out);
        String old0 = oldKey(work, 0);
        String old1 = oldKey(work, 1);
        assertTrue(plan.legacyKeys(0).contains(old0), "the plan finds the old key: " + plan.legacyKeys(0) + " " + old0);
        assertNotEquals(old0, plan.key(0));
        oldRecord(plan, out, work, old0);
        oldCheckpoint(out, old1);
        Path other = out.resolve("other__standard-hard__convnet__seed0__0123456789abcdef.json");
        Files.writeString(other, "{\"key\": \"0123456789abcdef\"}"); // another command's record: left alone

        OutFolderMigration.Summary s = new OutFolderMigration(plan, out, List.of(0L, 1L)).run();
        assertEquals(new OutFolderMigration.Summary(2, 1, 0, 1), s);
        Path record = plan.recordFile(out, 0, plan.key(0));
        ResultRecord r = EvaluationRunner.JSON.readValue(record.toFile(), ResultRecord.class);
        assertEquals(plan.key(0), r.key());
        assertEquals("sha256:" + Hashing.sha256(work.resolve("teacher/model.params")), r.teacher());
        assertEquals(50.0, r.top1());
        assertFalse(Files.exists(plan.recordFile(out, 0, old0)), "the old record is gone");
        Path checkpoint = out.resolve(".checkpoints").resolve(plan.key(1));
        assertFalse(Files.exists(out.resolve(".checkpoints").resolve(old1)));
        assertEquals(plan.key(1), Files.readString(checkpoint.resolve("epoch-00003-1-a/checkpoint.txt")).split("\n")[0],
                "the run resumes: its checkpoint names today's key");
        assertTrue(Files.isRegularFile(other));
        try (Stream<Path> locks = Files.list(out.resolve(".checkpoints"))) {
            assertEquals(List.of(plan.key(1)), locks.map(p -> p.getFileName().toString()).toList(), "no lock left");
        }

        // a second migration changes nothing
        Map<String, String> before = tree(out);
        assertEquals(new OutFolderMigration.Summary(2, 0, 1, 0), new OutFolderMigration(plan, out, List.of(0L, 1L)).run());
        assertEquals(before, tree(out));

        // killed between writing the new record and removing the old: the next migration removes the old one
        oldRecord(plan, out, work, old0);
        assertEquals(new OutFolderMigration.Summary(2, 0, 1, 0), new OutFolderMigration(plan, out, List.of(0L, 1L)).run());
        assertEquals(before, tree(out));
    }

    @Test
    void aRunAnotherProcessHoldsIsNotMoved(@TempDir Path dir) throws Exception {
        Path work = makeWork(dir.resolve("work"));
        Path out = dir.resolve("results");
        EvaluationRunner.Plan plan = plan(work, out);
        Path old = oldCheckpoint(out, oldKey(work, 0));
        try (FileClaim running = FileClaim.take(out.resolve(".checkpoints").resolve(plan.key(0) + ".lock"))) {
            UserException e = assertThrows(UserException.class,
                    () -> new OutFolderMigration(plan, out, List.of(0L)).run());
            assertTrue(e.getMessage().contains("another process is evaluating seed 0"), e.getMessage());
        }
        assertTrue(Files.isDirectory(old), "left as it was");
    }
}
