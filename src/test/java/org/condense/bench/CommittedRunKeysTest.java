package org.condense.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.condense.compress.CompressedDataset;
import org.condense.compress.Manifest;
import org.condense.compress.MethodNeeds;
import org.junit.jupiter.api.Test;

/**
 * A run's key hashes its compressed dataset's manifest key, whose options hold the scores and
 * teacher the bench gives the methods that need them. The committed results must keep their
 * keys: for each committed manifest, the options the bench would pass today (with the scores
 * and teacher paths it recorded) equal the recorded ones, so the dataset key is unchanged.
 */
class CommittedRunKeysTest {
    private static final Path GRID = Path.of("bench", "grids", "cifar10-labels.yaml");
    private static final Path DATA = Path.of("bench", "results", "cifar10-labels-data");

    @Test
    void committedManifestsAreReadAndTheBenchWouldGiveTheirMethodsTheSameOptions() throws Exception {
        Grid grid = GridFile.load(GRID);
        List<Path> folders;
        try (Stream<Path> s = Files.list(DATA)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(folders.size() >= 18, "committed datasets: " + folders.size());
        int withScores = 0;
        int withTeacher = 0;
        for (Path folder : folders) {
            Manifest m = CompressedDataset.readManifest(folder.resolve("manifest.json"));
            MethodEntry entry = grid.methods().stream()
                    .filter(e -> folder.getFileName().toString().equals(
                            "cifar10-" + e.label() + "-ipc" + m.ipc() + "-seed" + m.seed()))
                    .findFirst().orElseThrow(() -> new AssertionError("no grid row made " + folder));
            assertEquals(entry.method(), m.method(), folder.toString());
            String scores = m.options().get(MethodNeeds.SCORES);
            String teacher = m.options().get(MethodNeeds.TEACHER);
            Map<String, String> now = BenchRunner.methodOptions(entry, () -> Path.of(scores), teacher, teacher);
            assertEquals(m.options(), now, folder.toString());
            withScores += scores != null ? 1 : 0;
            withTeacher += teacher != null ? 1 : 0;
        }
        // both kinds of input are covered, so the check above can fail for either
        assertTrue(withScores > 0 && withTeacher > 0, withScores + " with scores, " + withTeacher + " with a teacher");
    }
}
