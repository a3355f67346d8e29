package org.condense.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random IPC 10 of the full CIFAR-10 (../shared) through compress and a shortened standard-hard evaluation. */
@Tag("integration")
class Cifar10EndToEndIntegrationTest {

    @Test
    void randomIpc10BeatsChance(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        Path subset = dir.resolve("subset");
        assertEquals(0, Main.execute(new PrintWriter(err, true), "compress", "--dataset", "cifar10", "--method",
                "random", "--ipc", "10", "--seed", "0", "--out", subset.toString()), err.toString());
        assertEquals(0, Main.execute(new PrintWriter(err, true), "evaluate", "--data", subset.toString(), "--epochs",
                "100", "--seeds", "0", "--out", dir.resolve("results").toString()), err.toString());
        List<Path> records;
        try (Stream<Path> files = Files.list(dir.resolve("results"))) {
            records = files.toList();
        }
        JsonNode r = new ObjectMapper().readTree(records.get(0).toFile());
        assertEquals(100, r.get("train_images").asInt());
        assertEquals(10000, r.get("test_images").asInt());
        // chance is 10 %; 100 random CIFAR-10 images give about 20-25 % after 100 epochs
        assertTrue(r.get("top1").asDouble() > 16, "top-1 " + r.get("top1"));
    }
}
