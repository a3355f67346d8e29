package org.condense.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.condense.compress.CompressedDataset;
import org.condense.compress.Manifest;
import org.condense.compress.MethodNeeds;
import org.condense.evaluate.ResultRecord;
import org.condense.io.FileTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed results keep their runs: a run's key hashes its compressed dataset's manifest
 * key, which names the scores and teacher by SHA-256. For each committed manifest, the choices
 * the bench would make today equal the recorded ones and every input is pinned by its hash; and
 * the committed store migrates exactly (no record kept under an old key), idempotently.
 */
class CommittedRunKeysTest {
    private static final Path GRID = Path.of("bench", "grids", "cifar10-labels.yaml");
    /** The reduced-setting cell, a grid of its own in the same store. */
    private static final Path COST_CELL_GRID = Path.of("bench", "grids", "cifar10-labels-gvbsm-4000.yaml");
    private static final Path STORE = Path.of("bench", "results", "cifar10-labels.jsonl");
    private static final Path DATA = Path.of("bench", "results", "cifar10-labels-data");

    @Test
    void committedManifestsPinTheirInputsAndTheBenchWouldMakeTheSameChoices() throws Exception {
        List<MethodEntry> rows = new java.util.ArrayList<>(GridFile.load(GRID).methods());
        rows.addAll(GridFile.load(COST_CELL_GRID).methods());
        List<Path> folders;
        try (Stream<Path> s = Files.list(DATA)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(folders.size() >= 18, "committed datasets: " + folders.size());
        int withScores = 0;
        int withTeacher = 0;
        for (Path folder : folders) {
            Manifest m = CompressedDataset.readManifest(folder.resolve("manifest.json"));
            MethodEntry entry = rows.stream()
                    .filter(e -> folder.getFileName().toString().equals(
                            "cifar10-" + e.label() + "-ipc" + m.ipc() + "-seed" + m.seed()))
                    .findFirst().orElseThrow(() -> new AssertionError("no grid row made " + folder));
            assertEquals(entry.method(), m.method(), folder.toString());
            Map<String, String> now = new TreeMap<>(BenchRunner.methodOptions(entry, () -> Path.of("any/scores"),
                    "any/teacher", "any/teacher"));
            now.keySet().removeAll(List.of(MethodNeeds.SCORES, MethodNeeds.TEACHER));
            assertEquals(m.choices().get("options"), now, folder.toString());
            Object inputs = m.key().get("inputs");
            assertFalse(String.valueOf(inputs).contains("path:"), folder + " names an input by path: " + inputs);
            withScores += m.options().containsKey(MethodNeeds.SCORES) ? 1 : 0;
            withTeacher += m.options().containsKey(MethodNeeds.TEACHER) ? 1 : 0;
        }
        // both kinds of input are covered, so the check above can fail for either
        assertTrue(withScores > 0 && withTeacher > 0, withScores + " with scores, " + withTeacher + " with a teacher");
    }

    @Test
    void theCommittedStoreMigratesExactly(@TempDir Path dir) throws Exception {
        Path store = dir.resolve(STORE.getFileName().toString());
        Files.copy(STORE, store);
        Path data = dir.resolve(DATA.getFileName().toString());
        try (Stream<Path> s = Files.walk(DATA)) {
            for (Path p : s.toList()) {
                Path t = data.resolve(DATA.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        int records = ResultStore.read(STORE).size();
        // the committed teacher folder is found from the repository's root, where the tests run
        StoreMigration.Summary s = new StoreMigration(null, null, store, List.of()).run();
        assertEquals(records, s.records());
        assertEquals(0, s.kept(), s.line(store));
        List<ResultRecord> migrated = ResultStore.read(store);
        assertEquals(records, migrated.size());
        assertTrue(migrated.stream().allMatch(r -> r.teacher() == null || r.teacher().startsWith("sha256:")),
                "teachers named by their weights");
        byte[] once = Files.readAllBytes(store);
        assertEquals(records, new StoreMigration(null, null, store, List.of()).run().unchanged());
        assertEquals(new String(once), Files.readString(store));
        FileTrees.delete(data);
    }
}
