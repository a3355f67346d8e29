package org.condense.cli;

import static org.condense.cli.Run.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.condense.compress.CompressedDataset;
import org.condense.compress.Manifest;
import org.condense.data.DataOptions;
import org.condense.data.Datasets;
import org.condense.data.ImageDataset;
import org.condense.data.Split;
import org.condense.distill.DistillFixtures;
import org.condense.compress.TrainingData;
import org.condense.io.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --norm batch} then {@code compress --method sre2l|cda|rded --teacher DIR} on
 * Fashion-MNIST, and the one-line errors of the distillation methods.
 */
class DistillCliTest {

    @Test
    void aBatchNormTeacherDistilsFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path subset = dir.resolve("subset");
        Path teacher = dir.resolve("teacher");
        assertEquals(0, Run.of("compress", "--dataset", "fashion-mnist", "--method", "random", "--ipc", "3", "--out",
                subset.toString()).code());
        Run t = Run.of("train", "--dataset", subset.toString(), "--model", "convnet", "--norm", "batch", "--protocol",
                "standard-hard", "--epochs", "1", "--out", teacher.toString());
        assertEquals(0, t.code(), t.err());
        JsonNode card = new ObjectMapper().readTree(teacher.resolve("card.json").toFile());
        assertEquals("batch", card.get("network").get("norm").asText(), "the card records the norm");

        String sha = Hashing.sha256(teacher.resolve("model.params"));
        for (String method : List.of("sre2l", "cda", "rded")) {
            Path out = dir.resolve(method);
            Run c = Run.of("compress", "--dataset", "fashion-mnist", "--method", method, "--teacher", teacher.toString(),
                    "--ipc", "1", "--option", method.equals("rded") ? "m=8" : "iterations=3", "--out", out.toString());
            assertEquals(0, c.code(), c.err());
            Manifest m = CompressedDataset.open(out).manifest();
            assertEquals(method, m.method());
            assertEquals(10, m.images().size());
            assertEquals(method.equals("rded") ? 2 : 1, m.factor());
            assertEquals(out.toAbsolutePath().normalize().relativize(teacher.toAbsolutePath().normalize()).toString(),
                    m.options().get("teacher"));
            assertEquals(sha, m.parameters().get("teacher_sha256"));
            assertEquals("convnet", m.parameters().get("teacher_network"));
            assertEquals(m.factor(), TrainingData.open(out.toString(), DataOptions.defaults()).factor(),
                    "training reads the composites' factor from the manifest");
        }

        // a result made with other teacher weights is not passed off as this one
        byte[] weights = Files.readAllBytes(teacher.resolve("model.params"));
        weights[weights.length - 1] ^= 1;
        Files.write(teacher.resolve("model.params"), weights);
        assertOneLineError(Run.of("compress", "--dataset", "fashion-mnist", "--method", "sre2l", "--teacher",
                teacher.toString(), "--ipc", "1", "--option", "iterations=3", "--out", dir.resolve("sre2l").toString()),
                "another version of the teacher weights");
    }

    @Test
    void distillationErrorsAreOneLine(@TempDir Path dir) throws Exception {
        ImageDataset fm = Datasets.open("fashion-mnist", Split.TRAIN, DataOptions.defaults());
        Path bn = DistillFixtures.teacher(dir.resolve("bn"), fm, "batch");
        Path instance = DistillFixtures.teacher(dir.resolve("instance"), fm, "instance");
        Path other = DistillFixtures.teacher(dir.resolve("other"), fm, "batch",
                List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"));
        String out = dir.resolve("out").toString();
        assertOneLineError(Run.of("compress", "--dataset", "fashion-mnist", "--method", "sre2l", "--ipc", "1", "--out",
                out), "method sre2l needs --teacher DIR");
        assertOneLineError(Run.of("compress", "--dataset", "fashion-mnist", "--method", "rded", "--ipc", "1", "--out",
                out), "method rded needs --teacher DIR");
        assertOneLineError(Run.of("compress", "--dataset", "fashion-mnist", "--method", "sre2l", "--teacher",
                instance.toString(), "--ipc", "1", "--out", out), "has no batch norm");
        assertOneLineError(Run.of("compress", "--dataset", "fashion-mnist", "--method", "cda", "--teacher",
                instance.toString(), "--ipc", "1", "--out", out), "has no batch norm");
        assertOneLineError(Run.of("compress", "--dataset", "fashion-mnist", "--method", "cda", "--teacher",
                other.toString(), "--ipc", "1", "--out", out), "use a teacher of the same dataset");
        assertOneLineError(Run.of("compress", "--dataset", "fashion-mnist", "--method", "rded", "--teacher",
                bn.toString(), "--ipc", "2", "--option", "m=4", "--out", out), "IPC·f² = 2·2² = 8");
        assertOneLineError(Run.of("compress", "--dataset", "fashion-mnist", "--method", "sre2l", "--teacher",
                bn.toString(), "--ipc", "1", "--option", "init=photo", "--out", out), "must be noise or real");
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written on error");
    }
}
