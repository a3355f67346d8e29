package org.condense.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.condense.ToyDataset;
import org.condense.data.InMemoryDataset;
import org.condense.io.TreeHash;
import org.condense.methods.CompressionMethods;
import org.condense.score.ScoreCard;
import org.condense.score.ScoreFiles;
import org.condense.score.Scores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The selection methods' output folders, byte for byte, against hashes taken from the code that
 * held every chosen image in memory before writing: writing them one at a time must not change a
 * single byte. The manifest is compared without its code version and with the temporary folder
 * replaced, the only parts that vary between runs.
 */
class CompressedOutputHashTest {
    // 3 classes × 10 images of 3×12×12 random bytes (java.util.Random(42): the same on every JVM)
    private final InMemoryDataset toy = ToyDataset.balanced(3, 10, 3, 12);

    private static final Map<String, String> EXPECTED = Map.of(
            "random", "5bc8700f2ee3b17222b96596d412085a6c8afca49268b1acc6ba5e3ab9371f80",
            "el2n", "155b88ef9caa3f3137e770de3cd1d27429bc00c49cc7e6b59bd33452f1e6fd13",
            "el2n-hard-unbalanced", "6b5648e2f9f30f5b254275b6f541ce677c47c1cdde83c4c5e323df908a9ece20",
            "forgetting", "b29ceeaff004f5e9114156e1af8c64983de59e8fccc237cb4bd7c3001ed1cc76",
            "pca", "ba175aa80d9a05c0f4f2baadd977c94311f3c13e2088d53081d649b8d9457695",
            "pca-f1", "6606cb7d0571b7d0db48746912ac7780828390e7c84a5801528fc646ee24faf5",
            "ccs", "58be439248fcbf10cf8f896991a9f8bdba667a96c0c48e4917a598b250af4b21");

    private Path scores(Path dir) {
        int n = toy.size();
        double[] el2n = new double[n];
        double[] forgetting = new double[n];
        double[] aum = new double[n];
        for (int i = 0; i < n; i++) {
            el2n[i] = (i * 7 % 11) / 10.0; // with ties, so that the tie-break seed matters
            forgetting[i] = i % 4;
            aum[i] = ((i * 5 % 13) - 6) / 3.0;
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put(Scores.EL2N, el2n);
        columns.put(Scores.FORGETTING, forgetting);
        columns.put(Scores.AUM, aum);
        int[] labels = new int[n];
        Arrays.setAll(labels, toy::label);
        ScoreFiles.write(dir, new Scores(labels, columns), new ScoreCard(ScoreCard.FORMAT, "toy", n,
                toy.classNames(), null, "score-sgd", null, 3, 2, 1, List.of(0L), "seen", "logits", List.of(1.0),
                Scores.NAMES, "k", 0, "test"));
        return dir.resolve(ScoreFiles.CSV);
    }

    private String hashOf(Path dir, String method, int ipc, Map<String, String> options, String name) throws IOException {
        Path out = dir.resolve(name);
        Compressor.run(toy, "toy", CompressionMethods.get(method), ipc, 7, options, out);
        List<String> images;
        try (Stream<Path> files = Files.walk(out.resolve("images"))) {
            images = files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).toList();
        }
        String manifest = Files.readString(out.resolve("manifest.json"), StandardCharsets.UTF_8)
                .replace(dir.toString(), "TMP")
                // inputs are now named relative to the dataset folder; map back to the form the hashes were taken with
                .replace("\"../s/", "\"TMP/s/").lines().filter(l -> !l.contains("\"code_version\""))
                .collect(Collectors.joining("\n"));
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(TreeHash.of(out, images).sha256().getBytes(StandardCharsets.UTF_8));
            md.update(manifest.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void selectionOutputsAreByteIdenticalToTheInMemoryWriter(@TempDir Path dir) throws IOException {
        String csv = scores(dir.resolve("s")).toString();
        Map<String, String> actual = new LinkedHashMap<>();
        actual.put("random", hashOf(dir, "random", 3, Map.of(), "random"));
        actual.put("el2n", hashOf(dir, "el2n", 3, Map.of("scores", csv), "el2n"));
        actual.put("el2n-hard-unbalanced", hashOf(dir, "el2n", 2,
                Map.of("scores", csv, "hard", "true", "balanced", "false"), "el2n-hard-unbalanced"));
        actual.put("forgetting", hashOf(dir, "forgetting", 2, Map.of("scores", csv), "forgetting"));
        actual.put("pca", hashOf(dir, "pca", 2, Map.of("scores", csv), "pca"));
        actual.put("pca-f1", hashOf(dir, "pca", 3, Map.of("scores", csv, "factor", "1"), "pca-f1"));
        actual.put("ccs", hashOf(dir, "ccs", 2, Map.of("scores", csv), "ccs"));
        for (Map.Entry<String, String> e : actual.entrySet()) {
            assertEquals(EXPECTED.get(e.getKey()), e.getValue(), e.getKey());
        }
    }
}
