package org.condense.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.condense.compress.CompressedDataset;
import org.condense.compress.Manifest;
import org.condense.data.DataOptions;
import org.condense.data.Datasets;
import org.condense.data.ImageDataset;
import org.condense.data.Split;
import org.condense.compress.TrainingData;
import org.condense.score.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compress --method pca} then {@code evaluate --protocol pca-hard} on real Fashion-MNIST,
 * with imported EL2N scores (a seeded vector in dataset order, as another tool would write).
 */
class PcaCliTest {
    private static Run run(String... args) {
        return Run.of(args);
    }

    @Test
    void pcaCompositesTrainWithPatchExtractionWellAboveChance(@TempDir Path dir) throws Exception {
        ImageDataset fm = Datasets.open("fashion-mnist", Split.TRAIN, DataOptions.defaults());
        double[] el2n = new SplittableRandom(5).doubles(fm.size()).toArray();
        Path scores = dir.resolve("el2n.npy");
        Files.write(scores, Npy.encode(el2n));
        Path subset = dir.resolve("pca");
        Run c = run("compress", "--dataset", "fashion-mnist", "--method", "pca", "--ipc", "5", "--option", "factor=2",
                "--scores", scores.toString(), "--out", subset.toString());
        assertEquals(0, c.code(), c.err());

        Manifest m = CompressedDataset.readManifest(subset.resolve("manifest.json"));
        assertEquals(2, m.factor());
        assertEquals(50, m.images().size());
        for (Manifest.Entry e : m.images()) {
            assertEquals(4, e.sources().length);
            for (int s : e.sources()) {
                assertEquals(e.label(), fm.label(s), "a tile from another class");
            }
        }
        assertEquals(2, TrainingData.open(subset.toString(), DataOptions.defaults()).factor());

        Path results = dir.resolve("results");
        Run e = run("evaluate", "--data", subset.toString(), "--protocol", "pca-hard", "--epochs", "40", "--seeds", "0",
                "--out", results.toString());
        assertEquals(0, e.code(), e.err());
        List<Path> records;
        try (Stream<Path> files = Files.list(results)) {
            records = files.filter(p -> p.toString().endsWith(".json")).toList();
        }
        JsonNode r = new ObjectMapper().readTree(records.get(0).toFile());
        assertEquals("pca", r.get("method").asText());
        assertEquals("pca[factor=2]", r.get("variant").asText());
        assertEquals("extract", r.get("protocol_config").get("augment").get("patch").asText());
        assertEquals(50, r.get("train_images").asInt());
        // chance is 10 %; 200 real images in 50 composites reach far above it
        assertTrue(r.get("top1").asDouble() > 40, "top-1 " + r.get("top1"));
    }
}
