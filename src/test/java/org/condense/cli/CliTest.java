package org.condense.cli;

import static org.condense.cli.Run.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end on real data: Fashion-MNIST (Debian package dataset-fashion-mnist,
 * installed by .ci/run), compressed with Random and evaluated under standard-hard with a short
 * schedule; plus the one-line errors users get for bad input.
 */
class CliTest {

    private static Run run(String... args) {
        return Run.of(args);
    }

    @Test
    void compressThenEvaluateBeatsChanceByAClearMargin(@TempDir Path dir) throws Exception {
        Path subset = dir.resolve("subset");
        Path results = dir.resolve("results");
        Run c = run("compress", "--dataset", "fashion-mnist", "--method", "random", "--ipc", "20", "--seed", "0",
                "--out", subset.toString());
        assertEquals(0, c.code(), c.err());
        Run e = run("evaluate", "--data", subset.toString(), "--protocol", "standard-hard", "--epochs", "40",
                "--seeds", "0", "--out", results.toString());
        assertEquals(0, e.code(), e.err());
        List<Path> records;
        try (Stream<Path> files = Files.list(results)) {
            records = files.toList();
        }
        // the record and nothing else: the run's checkpoint folder is gone once it is tested
        assertEquals(1, records.size(), records.toString());
        assertTrue(records.get(0).toString().endsWith(".json"), records.toString());
        JsonNode r = new ObjectMapper().readTree(records.get(0).toFile());
        // chance is 10 %; 200 real images and 40 epochs reach well above 50 % on Fashion-MNIST
        assertTrue(r.get("top1").asDouble() > 50, "top-1 " + r.get("top1"));
        assertTrue(r.get("top5").asDouble() >= r.get("top1").asDouble());
        assertEquals(10, r.get("per_class").size());
        assertEquals(200, r.get("train_images").asInt());
        assertEquals(10000, r.get("test_images").asInt());
        assertTrue(r.get("bytes_images").asLong() > 0);
        assertEquals(40, r.get("protocol_config").get("epochs").asInt());
        assertEquals("random", r.get("method").asText());
        // a rerun finds the finished run instead of training again
        long before = Files.getLastModifiedTime(records.get(0)).toMillis();
        assertEquals(0, run("evaluate", "--data", subset.toString(), "--epochs", "40", "--seeds", "0", "--out",
                results.toString()).code());
        assertEquals(before, Files.getLastModifiedTime(records.get(0)).toMillis());
    }

    @Test
    void teacherTrainsAndLabelsTheStudentOnline(@TempDir Path dir) throws Exception {
        Path subset = dir.resolve("subset");
        Path teacher = dir.resolve("teacher");
        Path results = dir.resolve("results");
        assertEquals(0, run("compress", "--dataset", "fashion-mnist", "--method", "random", "--ipc", "30", "--out",
                subset.toString()).code());
        Run t = run("train", "--dataset", subset.toString(), "--model", "convnet", "--protocol", "standard-hard",
                "--epochs", "15", "--out", teacher.toString());
        assertEquals(0, t.code(), t.err());
        JsonNode card = new ObjectMapper().readTree(teacher.resolve("card.json").toFile());
        assertEquals("fashion-mnist", card.get("dataset").asText());
        assertEquals(10, card.get("classes").size());
        assertTrue(card.get("test_top1").asDouble() > 50, "teacher " + card.get("test_top1"));
        assertTrue(Files.size(teacher.resolve("model.params")) > 1_000_000);

        assertOneLineError(run("evaluate", "--data", subset.toString(), "--protocol", "standard-soft", "--epochs", "2",
                "--out", results.toString()), "no teacher was given");
        Run e = run("evaluate", "--data", subset.toString(), "--protocol", "standard-soft", "--teacher",
                teacher.toString(), "--epochs", "15", "--seeds", "0", "--out", results.toString());
        assertEquals(0, e.code(), e.err());
        JsonNode r;
        try (Stream<Path> files = Files.list(results)) {
            r = new ObjectMapper().readTree(files.findFirst().orElseThrow().toFile());
        }
        assertTrue(r.get("top1").asDouble() > 50, "student " + r.get("top1"));
        // the teacher is named by its weights, not by where it lies
        assertEquals("sha256:" + org.condense.io.Hashing.sha256(teacher.resolve("model.params")), r.get("teacher").asText());
        assertTrue(r.get("provenance").get("utc").asText().endsWith("Z"), r.toString());
        // storage counted honestly: fp16 soft labels for every epoch, image and class
        assertEquals(15L * 300 * 10 * 2, r.get("bytes_soft_labels_if_stored").asLong());

        // a teacher of other classes is refused
        Path card2 = teacher.resolve("card.json");
        Files.writeString(card2, Files.readString(card2).replace("Ankle boot", "Boot"));
        assertOneLineError(run("evaluate", "--data", subset.toString(), "--protocol", "standard-soft", "--teacher",
                teacher.toString(), "--epochs", "1", "--seeds", "5", "--out", results.toString()), "trained on");
    }

    @Test
    void userErrorsAreOneLineWithoutStackTrace(@TempDir Path dir) {
        String out = dir.resolve("x").toString();
        assertOneLineError(run("compress", "--dataset", "fashion-mnist", "--method", "magic", "--ipc", "1", "--out", out),
                "unknown method 'magic'");
        assertOneLineError(run("compress", "--dataset", "fashion-mnist", "--method", "random", "--ipc", "7000", "--out", out),
                "has only 6000");
        assertOneLineError(run("compress", "--dataset", dir.resolve("nowhere").toString(), "--method", "random", "--ipc",
                "1", "--out", out), "nowhere");
        assertOneLineError(run("evaluate", "--data", dir.toString(), "--protocol", "no-such-protocol"), "unknown protocol");
        assertOneLineError(run("evaluate", "--data", dir.toString(), "--set", "epoch=3"), "no such field");
        assertFalse(Files.exists(dir.resolve("x")), "nothing written on error");
    }
}
