package org.condense.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.condense.compress.Manifest;
import org.condense.evaluate.ResultRecord;
import org.condense.io.Hashing;
import org.condense.report.ReportViews.ComputeRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridComputeTest {
    @Test
    void sumsEveryStageOnceAndCountsWhatWasNotTimed(@TempDir Path dir) throws Exception {
        Path teacher = Files.createDirectories(dir.resolve("inputs/teacher"));
        Files.write(teacher.resolve("model.params"), new byte[] {7});
        Files.writeString(teacher.resolve("card.json"), "{\"wall_seconds\": 45}");
        String teacherSha = Hashing.sha256(teacher.resolve("model.params"));
        InputCards cards = InputCards.index(List.of(dir.resolve("inputs")));

        Path random = Files.createDirectories(dir.resolve("data/cifar10-random-ipc10-seed0"));
        Files.writeString(random.resolve("cost.json"), "{\"compress_seconds\": 10.0}");
        // one dataset made with the teacher and an unknown scoring run; the EL2N dataset's folder is not kept
        Manifest m = manifest(Map.of("teacher_sha256", teacherSha, "scores_sha256", "f".repeat(64)));
        List<ResultRecord> records = List.of(Records.of("random", 10, 0, 30), Records.of("random", 10, 0, 33,
                "standard-soft", Map.of()), Records.of("el2n", 10, 0, 35)); // 100 s each

        List<ComputeRow> rows = GridCompute.rows(records, Map.of("cifar10-random-ipc10-seed0", random),
                Map.of("cifar10-random-ipc10-seed0", m), cards);

        assertEquals(List.of(
                new ComputeRow("teachers' training", "1", "45 s"),
                new ComputeRow("scoring runs", "0 of 1 timed", "–"),
                new ComputeRow("compressed datasets (selection or synthesis)", "1 of 2 timed", "10 s"),
                new ComputeRow("evaluations (student training and test)", "3", "5 min 00 s"),
                new ComputeRow("total, one process", "", "5 min 55 s")), rows);
        assertTrue(GridCompute.rows(List.of(), Map.of(), Map.of(), cards).isEmpty());
    }

    private static Manifest manifest(Map<String, Object> parameters) {
        return new Manifest(Manifest.FORMAT, "cifar10", 50000, List.of("a", "b"), "random", Map.of(), parameters, 10, 0,
                32, 3, 1, null, null, List.of(), null, "test");
    }
}
