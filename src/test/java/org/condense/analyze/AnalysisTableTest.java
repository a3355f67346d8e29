package org.condense.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.condense.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisTableTest {

    @Test
    void writesTheFixedFormatAndReadsItBack(@TempDir Path dir) throws Exception {
        AnalysisTable t = new AnalysisTable("entropy", "Predictive entropy under the observer", "condense analyze entropy --data x",
                "runs/teacher", List.of("dataset", "images", "mean entropy (nats)", "std"),
                List.of(List.of("cifar10-el2n-ipc10", 100, 0.532, 0.101)), "how to read it");
        Path file = dir.resolve("sub/entropy.json");
        t.write(file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        List<String> keys = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("analysis", "title", "command", "observer", "columns", "rows", "notes"), keys);
        assertEquals(100, json.get("rows").get(0).get(1).asInt());
        assertEquals(0.532, json.get("rows").get(0).get(2).asDouble());
        AnalysisTable back = AnalysisTable.read(file);
        assertEquals(t.toJson(), back.toJson());
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void rowsMustBeAsLongAsTheColumnsAndMissingFilesAreUserErrors(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> new AnalysisTable("a", "t", "c", "o", List.of("x", "y"),
                List.of(List.of(1)), "n"));
        UserException e = assertThrows(UserException.class, () -> AnalysisTable.read(dir.resolve("none.json")));
        assertTrue(e.getMessage().contains("no analysis table"), e.getMessage());
    }

    @Test
    void roundingKeepsSensibleDecimals() {
        assertEquals(0.5321, AnalysisTable.round(0.532149, 4));
        assertEquals(-0.0001, AnalysisTable.round(-0.00006, 4));
        assertTrue(Double.isNaN(AnalysisTable.round(Double.NaN, 4)));
    }
}
