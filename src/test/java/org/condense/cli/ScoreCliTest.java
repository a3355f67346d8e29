package org.condense.cli;

import static org.condense.cli.Run.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.condense.compress.CompressedDataset;
import org.condense.compress.Manifest;
import org.condense.data.DataOptions;
import org.condense.data.Datasets;
import org.condense.data.ImageDataset;
import org.condense.data.Png;
import org.condense.data.Split;
import org.condense.score.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code score} then {@code compress --method el2n} on a 500-image Fashion-MNIST slice written as
 * an ImageFolder (so it is streamed from disk like a real folder dataset).
 */
class ScoreCliTest {
    private static final int N = 500;

    private static Run run(String... args) {
        return Run.of(args);
    }

    private static Path writeSlice(Path root) throws Exception {
        ImageDataset fm = Datasets.open("fashion-mnist", Split.TRAIN, DataOptions.defaults());
        byte[] pixels = new byte[fm.imageBytes()];
        for (int i = 0; i < N; i++) {
            fm.readImage(i, pixels);
            Path file = root.resolve(String.format("train/c%d/%05d.png", fm.label(i), i));
            Files.createDirectories(file.getParent());
            Files.write(file, Png.encode(pixels, 1, 28, 28));
        }
        return root;
    }

    @Test
    void scoreThenCompressWithEl2nWritesTheLowestScoredImagesOfEachClass(@TempDir Path dir) throws Exception {
        String data = writeSlice(dir.resolve("fm500")).toString();
        Path scores = dir.resolve("scores");
        String[] score = {"score", "--dataset", data, "--image-size", "28", "--model", "convnet", "--width", "16",
                "--epochs", "2", "--k", "2", "--batch-size", "50", "--seed", "3", "--out", scores.toString()};
        Run s = run(score);
        assertEquals(0, s.code(), s.err());
        for (String f : List.of("scores.csv", "el2n.npy", "forgetting.npy", "aum.npy", "card.json")) {
            assertTrue(Files.isRegularFile(scores.resolve(f)), f);
        }
        JsonNode card = new ObjectMapper().readTree(scores.resolve("card.json").toFile());
        assertEquals(Path.of(data).toAbsolutePath().toString(), card.get("dataset").asText());
        assertEquals(N, card.get("dataset_size").asInt());
        assertEquals(16, card.get("network").get("width").asInt());
        assertEquals("score-sgd", card.get("protocol").asText());
        assertEquals(2, card.get("epochs").asInt());
        assertEquals(List.of(3L), List.of(card.get("seeds").get(0).asLong()));
        assertTrue(card.get("final_train_accuracy").get(0).asDouble() > 0.2, card.toString());
        List<String> csv = Files.readAllLines(scores.resolve("scores.csv"));
        assertEquals(N + 1, csv.size());
        assertEquals("index,label,el2n,forgetting,aum", csv.get(0));

        // a rerun resumes from the finished checkpoint: nothing is retrained and the scores are the same
        Run again = run(score);
        assertEquals(0, again.code(), again.err());
        assertEquals(csv, Files.readAllLines(scores.resolve("scores.csv")));

        Path subset = dir.resolve("subset");
        Run c = run("compress", "--dataset", data, "--image-size", "28", "--method", "el2n", "--ipc", "5", "--scores",
                scores.toString(), "--out", subset.toString());
        assertEquals(0, c.code(), c.err());
        Manifest m = CompressedDataset.readManifest(subset.resolve("manifest.json"));
        assertEquals("el2n", m.method());
        // relative to the dataset folder: the manifest holds no path of this machine
        assertEquals("../scores", m.options().get("scores"));
        assertEquals("easy", m.parameters().get("end"));
        assertEquals(50, m.images().size());
        double[] el2n = Npy.decode(Files.readAllBytes(scores.resolve("el2n.npy")), "el2n.npy");
        ImageDataset slice = Datasets.open(data, Split.TRAIN, DataOptions.defaults().withImageSize(28));
        List<Integer> expected = new ArrayList<>();
        for (int c0 = 0; c0 < 10; c0++) {
            int cls = c0;
            IntStream.range(0, N).filter(i -> slice.label(i) == cls).boxed()
                    .sorted(Comparator.comparingDouble(i -> el2n[i])).limit(5).sorted().forEach(expected::add);
        }
        assertEquals(expected, m.images().stream().map(e -> e.sources()[0]).toList());
        CompressedDataset written = CompressedDataset.open(subset);
        byte[] a = new byte[slice.imageBytes()];
        byte[] b = new byte[written.imageBytes()];
        slice.readImage(expected.get(7), a);
        written.readImage(7, b);
        assertArrayEquals(a, b);
    }

    @Test
    void tooNarrowProxiesAndScoresOfAnotherDatasetAreOneLineErrors(@TempDir Path dir) throws Exception {
        String data = writeSlice(dir.resolve("fm500")).toString();
        Path out = dir.resolve("x");
        assertOneLineError(run("score", "--dataset", data, "--image-size", "28", "--width", "8", "--out", out.toString()),
                "--width 8 is too narrow");
        assertOneLineError(run("score", "--dataset", data, "--model", "resnet18", "--width", "32", "--out",
                out.toString()), "--width applies to --model convnet only");
        assertOneLineError(run("score", "--dataset", data, "--epochs", "3", "--k", "5", "--out", out.toString()),
                "--k 5 must be between 1 and the run's 3 epochs");
        Path scores = dir.resolve("scores");
        Files.createDirectories(scores);
        Files.writeString(scores.resolve("card.json"), "{\"format\": \"condense-scores/1\", \"dataset\": \"" + data
                + "\", \"dataset_size\": 500, \"classes\": []}");
        Files.writeString(scores.resolve("scores.csv"), "el2n\n" + "1\n".repeat(60000));
        assertOneLineError(run("compress", "--dataset", "fashion-mnist", "--method", "el2n", "--ipc", "5", "--scores",
                scores.toString(), "--out", out.toString()), "were computed on " + data);
        assertOneLineError(run("compress", "--dataset", "fashion-mnist", "--method", "random", "--ipc", "5", "--hard",
                "--out", out.toString()), "method random has no option 'hard'");
        assertFalse(Files.exists(out), "nothing written on error");
    }
}
