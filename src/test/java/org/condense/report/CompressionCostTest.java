package org.condense.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.condense.ToyDataset;
import org.condense.compress.Compressor;
import org.condense.compress.Manifest;
import org.condense.data.InMemoryDataset;
import org.condense.methods.CompressionMethods;
import org.condense.report.ReportViews.CostRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressionCostTest {

    @Test
    void durationsReadAsAPersonWouldWriteThem() {
        assertEquals("0.4 s", CompressionCost.duration(0.42));
        assertEquals("12 s", CompressionCost.duration(12.4));
        assertEquals("3 min 05 s", CompressionCost.duration(185));
        assertEquals("2 h 04 min", CompressionCost.duration(7440));
    }

    @Test
    void meanOverTheSeedsDatasetsAndHowManyWereTimed(@TempDir Path dir) throws Exception {
        InMemoryDataset toy = ToyDataset.balanced(2, 5, 1, 8);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Compressor.run(toy, "toy", CompressionMethods.get("random"), 2, 1, Map.of(), a);
        Compressor.run(toy, "toy", CompressionMethods.get("random"), 2, 2, Map.of(), b);
        Files.writeString(a.resolve("cost.json"), "{\"compress_seconds\": 10.0}");
        Files.writeString(b.resolve("cost.json"), "{\"compress_seconds\": 20.0}");
        List<CostRow> rows = CompressionCost.rows(List.of(a, b));
        assertEquals(List.of(new CostRow("toy", "random", "2", "2", "15 s", "none")), rows);

        Files.delete(b.resolve("cost.json")); // a dataset from before costs were recorded
        assertEquals("10 s (n=1)", CompressionCost.rows(List.of(a, b)).get(0).seconds());
        Files.delete(a.resolve("cost.json"));
        assertTrue(CompressionCost.rows(List.of(a, b)).isEmpty(), "no timed dataset, no table");
    }

    @Test
    void theSharedInputIsTheScoringRunOrTheTeacherFromItsCard(@TempDir Path dir) throws Exception {
        Path scores = Files.createDirectories(dir.resolve("scores"));
        Files.writeString(scores.resolve("card.json"), "{\"wall_seconds\": 754.2}");
        assertEquals("scoring run 12 min 34 s",
                CompressionCost.sharedInput(dir, manifest(Map.of("scores_file", scores.resolve("scores.csv").toString())), InputCards.NONE));

        Path teacher = Files.createDirectories(dir.resolve("teacher"));
        Files.writeString(teacher.resolve("card.json"), "{\"wall_seconds\": 3000}");
        assertEquals("teacher training 50 min 00 s",
                CompressionCost.sharedInput(dir, manifest(Map.of("teacher_dir", teacher.toString())), InputCards.NONE));

        Path gone = dir.resolve("gone");
        assertEquals("teacher training (card not found: " + gone.resolve("card.json") + ")",
                CompressionCost.sharedInput(dir, manifest(Map.of("teacher_dir", gone.toString())), InputCards.NONE));
        assertEquals("none", CompressionCost.sharedInput(dir, manifest(Map.of()), InputCards.NONE));
    }

    /** A manifest whose recorded path is gone finds the committed card by the SHA-256 of the weights or scores. */
    @Test
    void aCardWhosePathIsGoneIsFoundByContent(@TempDir Path dir) throws Exception {
        Path committed = Files.createDirectories(dir.resolve("committed/teachers/t"));
        Files.write(committed.resolve("model.params"), new byte[] {1, 2, 3});
        Files.writeString(committed.resolve("card.json"), "{\"wall_seconds\": 45}");
        Path scores = Files.createDirectories(dir.resolve("committed/s"));
        Files.writeString(scores.resolve("scores.csv"), "index,el2n\n0,0.5\n");
        Files.writeString(scores.resolve("card.json"), "{\"wall_seconds\": 30}");
        InputCards cards = InputCards.index(List.of(dir.resolve("committed"), dir.resolve("no-such-folder")));
        String weightsSha = org.condense.io.Hashing.sha256(committed.resolve("model.params"));
        String scoresSha = org.condense.io.Hashing.sha256(scores.resolve("scores.csv"));
        Path gone = dir.resolve("elsewhere");

        assertEquals("teacher training 45 s", CompressionCost.sharedInput(dir, manifest(Map.of(
                "teacher_dir", gone.toString(), "teacher_sha256", weightsSha)), cards));
        assertEquals("scoring run 30 s", CompressionCost.sharedInput(dir, manifest(Map.of(
                "scores_file", gone.resolve("scores.csv").toString(), "scores_sha256", scoresSha)), cards));
        assertEquals("1 teachers' training 45 s", CompressionCost.sharedInput(dir, manifest(Map.of("teachers",
                List.of(Map.of("teacher_dir", gone.toString(), "teacher_sha256", weightsSha)))), cards));
        // other content: not found, and said so
        assertTrue(CompressionCost.sharedInput(dir, manifest(Map.of("teacher_dir", gone.toString(),
                "teacher_sha256", "0".repeat(64))), cards).contains("card not found"));
    }

    private static Manifest manifest(Map<String, Object> parameters) {
        return new Manifest(Manifest.FORMAT, "toy", 10, List.of("a", "b"), "m", Map.of(), parameters, 1, 0, 8, 1, 1,
                null, null, List.of(), null, "test");
    }
}
