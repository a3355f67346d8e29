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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze entropy}, {@code crops} and {@code tiles} end to end: an observer trained briefly by
 * {@code condense train} on a 100-image Fashion-MNIST subset, analysed on two Random subsets
 * (and a slice of the test set); plus the one-line errors.
 */
class AnalyzeCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path observer;
    static Path subsetA;
    static Path subsetB;

    @BeforeAll
    static void trainObserver() {
        subsetA = dir.resolve("fm-random-ipc10-s0");
        subsetB = dir.resolve("fm-random-ipc5-s1");
        observer = dir.resolve("observer");
        Run a = Run.of("compress", "--dataset", "fashion-mnist", "--method", "random", "--ipc", "10", "--seed", "0", "--out",
                subsetA.toString());
        assertEquals(0, a.code(), a.err());
        Run b = Run.of("compress", "--dataset", "fashion-mnist", "--method", "random", "--ipc", "5", "--seed", "1", "--out",
                subsetB.toString());
        assertEquals(0, b.code(), b.err());
        Run t = Run.of("train", "--dataset", subsetA.toString(), "--model", "convnet", "--width", "16", "--protocol", "standard-hard",
                "--epochs", "10", "--lr", "0.005", "--batch-size", "50", "--out", observer.toString());
        assertEquals(0, t.code(), t.err());
        Run narrow = Run.of("train", "--dataset", subsetA.toString(), "--model", "convnet", "--width", "8", "--out",
                dir.resolve("narrow").toString());
        assertEquals(2, narrow.code(), narrow.err());
        assertTrue(narrow.err().contains("--width 8 is too narrow"), narrow.err());
    }

    @Test
    void entropyOfTwoSubsetsAndATestSlice() throws Exception {
        Path out = dir.resolve("entropy.json");
        Run r = Run.of("analyze", "entropy", "--data", subsetA.toString(), "--data", subsetB.toString(), "--data",
                "fashion-mnist", "--split", "test", "--max-images", "300", "--observer", observer.toString(), "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode t = JSON.readTree(out.toFile());
        assertEquals("entropy", t.get("analysis").asText());
        assertEquals("Predictive entropy under the observer", t.get("title").asText());
        assertEquals("condense analyze entropy --data " + subsetA + " --data " + subsetB
                + " --data fashion-mnist --split test --max-images 300 --observer " + observer + " --out " + out,
                t.get("command").asText());
        assertEquals(observer.toString(), t.get("observer").asText());
        assertEquals(List.of("dataset", "images", "mean entropy (nats)", "std"),
                JSON.convertValue(t.get("columns"), List.class));
        JsonNode rows = t.get("rows");
        assertEquals(3, rows.size());
        assertEquals("fm-random-ipc10-s0", rows.get(0).get(0).asText());
        assertEquals("fashion-mnist (test)", rows.get(2).get(0).asText());
        assertEquals(List.of(100, 50, 300), List.of(rows.get(0).get(1).asInt(), rows.get(1).get(1).asInt(),
                rows.get(2).get(1).asInt()));
        for (JsonNode row : rows) {
            assertEquals(4, row.size());
            double h = row.get(2).asDouble();
            double std = row.get(3).asDouble();
            assertTrue(row.get(2).isNumber() && h > 0 && h <= Math.log(10), row.toString());
            assertTrue(Double.isFinite(std) && std >= 0, row.toString());
        }
        assertFalse(t.get("notes").asText().isBlank());
    }

    @Test
    void cropDeltasAreDeterministicAndZeroAtFullScale() throws Exception {
        Path out = dir.resolve("crops.json");
        String[] args = {"analyze", "crops", "--data", subsetA.toString(), "--data", subsetB.toString(), "--observer",
                observer.toString(), "--scales", "0.25,1.0", "--crops", "2", "--seed", "3", "--out", out.toString()};
        Run r = Run.of(args);
        assertEquals(0, r.code(), r.err());
        String first = Files.readString(out);
        JsonNode t = JSON.readTree(first);
        assertEquals("crops", t.get("analysis").asText());
        List<?> columns = JSON.convertValue(t.get("columns"), List.class);
        assertEquals(9, columns.size());
        JsonNode rows = t.get("rows");
        assertEquals(4, rows.size(), "2 datasets × 2 scales");
        for (JsonNode row : rows) {
            assertEquals(columns.size(), row.size());
            for (int i = 1; i < row.size(); i++) {
                assertTrue(row.get(i).isNumber() && Double.isFinite(row.get(i).asDouble()), row.toString());
            }
            assertTrue(row.get(7).asDouble() <= Math.log(10), row.toString());
        }
        assertEquals(0.25, rows.get(0).get(1).asDouble());
        assertEquals(14, rows.get(0).get(2).asInt(), "rint(√(0.25·784)) = 14 px");
        assertEquals(100, rows.get(0).get(3).asInt());
        assertEquals(2, rows.get(0).get(4).asInt());
        // scale 1 is the whole image: the observer sees exactly the same batch
        assertEquals(0.0, rows.get(1).get(6).asDouble(), 1e-6);
        assertEquals(0.0, rows.get(1).get(8).asDouble(), 1e-6);
        assertEquals(28, rows.get(1).get(2).asInt());
        // the same seed gives the same file, byte for byte
        Run again = Run.of(args);
        assertEquals(0, again.code(), again.err());
        assertEquals(first, Files.readString(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void tilesOfRdedCompositesAgainstWholeImages() throws Exception {
        // RDED at f = 2 with the observer as its teacher: 14-px crops, combined 2×2 into 28-px composites
        Path rded = dir.resolve("fm-rded-f2-ipc1");
        Run c = Run.of("compress", "--dataset", "fashion-mnist", "--method", "rded", "--ipc", "1", "--teacher",
                observer.toString(), "--option", "m=8", "--option", "crops=2", "--seed", "0", "--out", rded.toString());
        assertEquals(0, c.code(), c.err());
        Path out = dir.resolve("tiles.json");
        Run r = Run.of("analyze", "tiles", "--data", rded.toString(), "--data", subsetA.toString(), "--observer",
                observer.toString(), "--scales", "0.25,1", "--crops", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode t = JSON.readTree(out.toFile());
        assertEquals("tiles", t.get("analysis").asText());
        assertEquals(List.of("dataset", "factor", "tile side (px)", "crop scale", "crop side (px)", "images", "views",
                "observer top-1 (%)", "NLL", "entropy (nats)"), JSON.convertValue(t.get("columns"), List.class));
        JsonNode rows = t.get("rows");
        assertEquals(4, rows.size(), "2 datasets × 2 scales");
        // the factor comes from the manifest: 14-px tiles, crops of 7 px, 2 per tile; scale 1 once per tile
        assertEquals(List.of(2, 14, 7, 10, 80), ints(rows.get(0), 1, 2, 4, 5, 6));
        assertEquals(List.of(2, 14, 14, 10, 40), ints(rows.get(1), 1, 2, 4, 5, 6));
        assertEquals(List.of(1, 28, 14, 100, 200), ints(rows.get(2), 1, 2, 4, 5, 6));
        assertEquals(List.of(1, 28, 28, 100, 100), ints(rows.get(3), 1, 2, 4, 5, 6));
        for (JsonNode row : rows) {
            double top1 = row.get(7).asDouble();
            assertTrue(top1 >= 0 && top1 <= 100 && row.get(8).asDouble() > 0, row.toString());
        }
        JsonNode whole = rows.get(3);
        // at f = 1 the observer sees the whole image: the entropy analysis of the same subset agrees
        Path entropy = dir.resolve("tiles-entropy.json");
        Run e = Run.of("analyze", "entropy", "--data", subsetA.toString(), "--observer", observer.toString(), "--out",
                entropy.toString());
        assertEquals(0, e.code(), e.err());
        assertEquals(JSON.readTree(entropy.toFile()).get("rows").get(0).get(2).asDouble(), whole.get(9).asDouble(), 1e-4);
    }

    private static List<Integer> ints(JsonNode row, int... columns) {
        return java.util.Arrays.stream(columns).mapToObj(c -> row.get(c).asInt()).toList();
    }

    @Test
    void userErrorsAreOneLine() throws Exception {
        Path out = dir.resolve("err.json");
        String a = subsetA.toString();
        assertOneLineError(Run.of("analyze", "entropy", "--data", a, "--observer", dir.resolve("none").toString(), "--out",
                out.toString()), "no teacher in");
        assertOneLineError(Run.of("analyze", "entropy", "--data", dir.resolve("nowhere").toString(), "--observer",
                observer.toString(), "--out", out.toString()), "Unknown dataset");
        assertOneLineError(Run.of("analyze", "crops", "--data", a, "--observer", observer.toString(), "--scales", "0.5,1.5",
                "--out", out.toString()), "crop scale 1.5 is not an area fraction in (0, 1]");
        assertOneLineError(Run.of("analyze", "crops", "--data", a, "--observer", observer.toString(), "--scales", "0",
                "--out", out.toString()), "crop scale 0.0 is not an area fraction");
        assertOneLineError(Run.of("analyze", "entropy", "--data", a, "--observer", observer.toString(), "--split", "dev",
                "--out", out.toString()), "--split must be train or test");

        Run bare = Run.of("analyze");
        assertEquals(2, bare.code(), bare.err());
        assertTrue(bare.err().contains("name an analysis: entropy, crops or tiles"), bare.err());

        // an observer of other classes, and one of another image size
        Path other = dir.resolve("other-observer");
        Files.createDirectories(other);
        String card = Files.readString(observer.resolve("card.json"));
        Files.writeString(other.resolve("card.json"), card.replace("Ankle boot", "Boot"));
        assertOneLineError(Run.of("analyze", "entropy", "--data", a, "--observer", other.toString(), "--out", out.toString()),
                "was trained on fashion-mnist with classes");
        Path bigger = dir.resolve("bigger-observer");
        Files.createDirectories(bigger);
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(card);
        com.fasterxml.jackson.databind.node.ObjectNode network = (com.fasterxml.jackson.databind.node.ObjectNode) tree.get("network");
        String sizeField = network.has("image_size") ? "image_size" : "imageSize";
        assertEquals(28, network.get(sizeField).asInt());
        network.put(sizeField, 32);
        Files.writeString(bigger.resolve("card.json"), JSON.writeValueAsString(tree));
        assertOneLineError(Run.of("analyze", "crops", "--data", a, "--observer", bigger.toString(), "--out", out.toString()),
                "at 1×32×32, but fm-random-ipc10-s0 has images of 1×28×28");
        assertFalse(Files.exists(out), "nothing written on error");
    }
}
