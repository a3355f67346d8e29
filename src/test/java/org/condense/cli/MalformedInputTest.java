package org.condense.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.condense.compress.CompressedDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs made by someone else, malformed one way each: a compressed dataset whose manifest or
 * images are corrupt, teacher folders, grids, protocols, score files, ImageFolders, outputs that
 * cannot be written and bad arguments. Every one must give exit status 2, one line
 * {@code condense: error: …} without a stack trace, and leave nothing behind. Each fails in
 * validation, before any training, so the whole suite takes seconds.
 */
class MalformedInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLASSES = 10;
    private static final int SIDE = 8;

    @TempDir
    static Path shared;
    /** A 10-class ImageFolder of 8×8 PNGs: 3 training and 1 validation image per class. */
    static Path source;
    /** A valid compressed dataset of it: random, IPC 2, 20 images. */
    static Path valid;

    @BeforeAll
    static void fixtures() throws IOException {
        source = shared.resolve("source");
        for (int c = 0; c < CLASSES; c++) {
            for (int i = 0; i < 3; i++) {
                Files.createDirectories(source.resolve("train/c" + c));
                Files.write(source.resolve("train/c" + c + "/" + i + ".png"), png(SIDE, SIDE, c * 25, i * 80));
            }
            Files.createDirectories(source.resolve("val/c" + c));
            Files.write(source.resolve("val/c" + c + "/0.png"), png(SIDE, SIDE, c * 25, 40));
        }
        valid = shared.resolve("valid");
        Run r = Run.of("compress", "--dataset", source.toString(), "--image-size", String.valueOf(SIDE), "--method",
                "random", "--ipc", "2", "--out", valid.toString());
        assertEquals(0, r.code(), r.err());
    }

    /** One malformed input: {@code setup} builds it in the case's own folder and returns the command line. */
    record Case(String name, String expected, Setup setup) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Setup {
        List<String> args(Path dir) throws Exception;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedOnOneLineLeavingNothingBehind(Case c, @TempDir Path dir) throws Exception {
        List<String> args = c.setup().args(dir);
        Map<String, Long> before = snapshot(dir);
        Run r = Run.of(args.toArray(String[]::new));
        assertEquals(2, r.code(), c.name() + ": " + r.err());
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, c.name() + ": " + r.err());
        assertTrue(lines[0].startsWith("condense: error: "), lines[0]);
        assertTrue(lines[0].contains(c.expected()), c.name() + ": expected '" + c.expected() + "' in: " + lines[0]);
        assertFalse(lines[0].contains("Exception") || lines[0].contains("\tat "), lines[0]);
        assertFalse(Files.exists(dir.resolve("out")), c.name() + ": --out was created: " + snapshot(dir).keySet());
        assertEquals(before, snapshot(dir), c.name() + ": files were written");
    }

    /** The fixture itself is fine: a run on it gets past every data check (and stops at the missing teacher). */
    @Test
    void theUncorruptedFixturePassesValidation(@TempDir Path dir) throws Exception {
        CompressedDataset ds = CompressedDataset.open(valid).requireImages();
        assertEquals(20, ds.size());
        byte[] img = new byte[ds.imageBytes()];
        ds.readImage(19, img);
        Run r = Run.of(evaluate(valid, dir, "--protocol", "standard-soft").toArray(String[]::new));
        Run.assertOneLineError(r, "no teacher was given");
        assertFalse(Files.exists(dir.resolve("out")));
    }

    static Stream<Case> cases() {
        List<Case> all = new ArrayList<>();
        all.addAll(manifestCases());
        all.addAll(imageCases());
        all.addAll(teacherCases());
        all.addAll(gridCases());
        all.addAll(protocolCases());
        all.addAll(scoreCases());
        all.addAll(imageFolderCases());
        all.addAll(outputCases());
        all.addAll(argumentCases());
        return all.stream();
    }

    // ---- compressed dataset: the manifest --------------------------------------------------

    private static List<Case> manifestCases() {
        return List.of(
                manifest("image file is /dev/zero", "absolute path", m -> image(m, 0).put("file", "/dev/zero")),
                manifest("image file is /etc/hostname", "absolute path", m -> image(m, 0).put("file", "/etc/hostname")),
                manifest("image file climbs out with ..", "contains '..'",
                        m -> image(m, 0).put("file", "../../../../etc/passwd")),
                manifest("image file .. inside the folder", "contains '..'",
                        m -> image(m, 0).put("file", "images/../images/00000/00000.png")),
                manifest("label 12 of 10 classes", "label 12", m -> image(m, 3).put("label", 12)),
                manifest("label -1", "label -1", m -> image(m, 3).put("label", -1)),
                manifest("label is text", "integer 'label'", m -> image(m, 3).put("label", "three")),
                manifest("label is a fraction", "integer 'label'", m -> image(m, 3).put("label", 1.5)),
                manifest("empty images list", "lists no images", m -> m.putArray("images")),
                manifest("one image too few", "lists 19 images", m -> ((ArrayNode) m.get("images")).remove(19)),
                manifest("no bytes", "no 'bytes'", m -> m.remove("bytes")),
                manifest("bytes without images", "'bytes' field without 'images'", m -> m.putObject("bytes")),
                manifest("negative bytes", "'images' is -5", m -> ((ObjectNode) m.get("bytes")).put("images", -5)),
                manifest("no format", "no 'format'", m -> m.remove("format")),
                manifest("future format version", "has format 'condense-compressed-dataset/9'",
                        m -> m.put("format", "condense-compressed-dataset/9")),
                manifest("no classes", "no 'classes'", m -> m.remove("classes")),
                manifest("duplicate class names", "distinct",
                        m -> ((ArrayNode) m.get("classes")).set(1, m.get("classes").get(0))),
                manifest("ipc 0", "'ipc' is 0", m -> m.put("ipc", 0)),
                manifest("ipc is text", "'ipc' must be an integer", m -> m.put("ipc", "two")),
                manifest("resolution 0", "'resolution' is 0", m -> m.put("resolution", 0)),
                manifest("two channels", "channels 2", m -> m.put("channels", 2)),
                manifest("mean of the wrong length", "'mean' must list one number per channel",
                        m -> m.putArray("mean").add(0.5)),
                manifest("std of zero", "'std' holds 0", m -> ((ArrayNode) m.get("std")).set(0, JSON.getNodeFactory().numberNode(0))),
                manifest("source index outside the source set", "source index 999",
                        m -> ((ArrayNode) image(m, 0).get("sources")).set(0, JSON.getNodeFactory().numberNode(999))),
                manifest("image without file", "has no 'file'", m -> image(m, 0).remove("file")),
                new Case("manifest is not JSON", "unreadable or corrupt", dir -> {
                    Path data = copy(dir);
                    Files.writeString(data.resolve("manifest.json"), "{\"format\": ");
                    return evaluate(data, dir);
                }),
                new Case("manifest is a link to /dev/zero", "outside", dir -> {
                    Path data = copy(dir);
                    Files.delete(data.resolve("manifest.json"));
                    Files.createSymbolicLink(data.resolve("manifest.json"), Path.of("/dev/zero"));
                    return evaluate(data, dir);
                }),
                new Case("manifest is a link out of the folder", "outside", dir -> {
                    Path data = copy(dir);
                    Path elsewhere = Files.move(data.resolve("manifest.json"), dir.resolve("elsewhere.json"));
                    Files.createSymbolicLink(data.resolve("manifest.json"), elsewhere);
                    return evaluate(data, dir);
                }),
                new Case("manifest is a fifo", "not a regular file", dir -> {
                    Path data = copy(dir);
                    Files.delete(data.resolve("manifest.json"));
                    mkfifo(data.resolve("manifest.json"));
                    return evaluate(data, dir);
                }),
                new Case("manifest is a list", "not a JSON object", dir -> {
                    Path data = copy(dir);
                    Files.writeString(data.resolve("manifest.json"), "[]");
                    return evaluate(data, dir);
                }));
    }

    private static Case manifest(String name, String expected, Consumer<ObjectNode> corrupt) {
        return new Case(name, expected, dir -> {
            Path data = copy(dir);
            Path file = data.resolve("manifest.json");
            ObjectNode m = (ObjectNode) JSON.readTree(file.toFile());
            corrupt.accept(m);
            JSON.writeValue(file.toFile(), m);
            return evaluate(data, dir);
        });
    }

    private static ObjectNode image(ObjectNode manifest, int index) {
        return (ObjectNode) manifest.get("images").get(index);
    }

    // ---- compressed dataset: the image files -----------------------------------------------

    private static List<Case> imageCases() {
        return List.of(
                imageFile("image is a link out of the folder", "outside", (data, file) -> {
                    Path outside = data.resolveSibling("elsewhere.png");
                    Files.write(outside, png(SIDE, SIDE, 1, 2));
                    Files.delete(file);
                    Files.createSymbolicLink(file, outside);
                }),
                imageFile("image is a link to /dev/zero", "outside", (data, file) -> {
                    Files.delete(file);
                    Files.createSymbolicLink(file, Path.of("/dev/zero"));
                }),
                imageFile("image is a fifo", "not a regular file", (data, file) -> {
                    Files.delete(file);
                    mkfifo(file);
                }),
                imageFile("image is a folder", "not a regular file", (data, file) -> {
                    Files.delete(file);
                    Files.createDirectory(file);
                }),
                imageFile("image is missing", "does not exist", (data, file) -> Files.delete(file)),
                imageFile("png declares 20000×20000", "20000×20000",
                        (data, file) -> Files.write(file, pngHeader(20000, 20000))),
                imageFile("png of another size", "16×16", (data, file) -> Files.write(file, png(16, 16, 1, 2))),
                imageFile("image is text", "not a PNG or JPEG", (data, file) -> Files.writeString(file, "hello")),
                imageFile("png cut short", "corrupt", (data, file) -> {
                    byte[] png = Files.readAllBytes(file);
                    Files.write(file, java.util.Arrays.copyOf(png, 40));
                }));
    }

    @FunctionalInterface
    interface Corruption {
        void apply(Path data, Path file) throws Exception;
    }

    /** Corrupts the last image of a copy of the valid dataset (the first ones are fine: all are checked up front). */
    private static Case imageFile(String name, String expected, Corruption corruption) {
        return new Case(name, expected, dir -> {
            Path data = copy(dir);
            ObjectNode m = (ObjectNode) JSON.readTree(data.resolve("manifest.json").toFile());
            corruption.apply(data, data.resolve(m.get("images").get(19).get("file").asText()));
            return evaluate(data, dir);
        });
    }

    // ---- teacher folders ---------------------------------------------------------------------

    private static List<Case> teacherCases() {
        return List.of(
                teacher("card is {}", "no 'dataset'", "{}"),
                teacher("card has only dataset and classes", "no 'network'",
                        "{\"dataset\": \"x\", \"classes\": " + classNames() + "}"),
                teacher("card is not JSON", "is corrupt", "{\"dataset\": "),
                teacher("card classes is a number", "no class names", card().replace(classNames(), "5")),
                teacher("card network of other class count", "network of 7 classes",
                        card().replace("\"numClasses\": 10", "\"numClasses\": 7")),
                teacher("card mean of the wrong length", "'mean' must list one number per channel",
                        card().replace("\"mean\": [0.5, 0.5, 0.5]", "\"mean\": [0.5]")),
                teacher("card but no weights", "no model.params", card()),
                new Case("teacher folder without card", "card.json missing", dir -> {
                    Files.createDirectories(dir.resolve("teacher"));
                    return evaluate(valid, dir, "--protocol", "standard-soft", "--teacher",
                            dir.resolve("teacher").toString());
                }));
    }

    private static Case teacher(String name, String expected, String cardJson) {
        return new Case(name, expected, dir -> {
            Path t = Files.createDirectories(dir.resolve("teacher"));
            Files.writeString(t.resolve("card.json"), cardJson);
            return evaluate(valid, dir, "--protocol", "standard-soft", "--teacher", t.toString());
        });
    }

    private static String classNames() {
        StringBuilder sb = new StringBuilder("[");
        for (int c = 0; c < CLASSES; c++) {
            sb.append(c == 0 ? "" : ", ").append("\"c").append(c).append('"');
        }
        return sb.append(']').toString();
    }

    /** A complete card for the fixture's classes (weights are another file). */
    private static String card() {
        return "{\"dataset\": \"src\", \"classes\": " + classNames() + ", \"network\": {\"name\": \"convnet\", "
                + "\"channels\": 3, \"imageSize\": 8, \"numClasses\": 10}, \"mean\": [0.5, 0.5, 0.5], "
                + "\"std\": [0.25, 0.25, 0.25]}";
    }

    // ---- grids ---------------------------------------------------------------------------------

    private static List<Case> gridCases() {
        return List.of(
                grid("scores block width abc, epoch 3", "unknown scores field 'epoch'",
                        "scores: {width: abc, epoch: 3}"),
                grid("scores width abc", "scores.width must be a positive integer", "scores: {width: abc}"),
                grid("scores epochs 0", "scores.epochs must be a positive integer", "scores: {epochs: 0}"),
                grid("scores k a fraction", "scores.k must be a positive integer", "scores: {k: 2.5}"),
                grid("scores a list", "scores is a folder or", "scores: [1, 2]"),
                grid("protocol entry typo", "unknown protocol field 'sets'",
                        "scores: {width: 16}\nprotocols: [{preset: standard-hard, sets: {epochs: 1}}]"),
                grid("unknown top-level field", "unknown field 'model'", "scores: {width: 16}\nmodel: convnet"),
                grid("set of no protocol field", "cannot override 'epoch'", "scores: {width: 16}\nset: {epoch: 1}"),
                grid("ipc is text", "ipc values must be positive integers", "scores: {width: 16}\nipc: [ten]"),
                grid("unknown model", "grid model 'magic' is unknown", "scores: {width: 16}\nmodels: [magic]"),
                grid("labels neither online nor stored", "labels is 'online'",
                        "scores: {width: 16}\nprotocols: [{preset: standard-soft, labels: stord}]"),
                grid("label_prune of 1", "label_prune values are ratios in [0, 1)",
                        "scores: {width: 16}\nprotocols: [{preset: standard-soft, labels: stored, label_prune: [0, 1]}]"),
                grid("label_prune as text", "label_prune values are ratios",
                        "scores: {width: 16}\nprotocols: [{preset: standard-soft, labels: stored, label_prune: half}]"),
                grid("label_prune twice", "lists a ratio twice",
                        "scores: {width: 16}\nprotocols: [{preset: standard-soft, labels: stored, label_prune: [0.9, 0.9]}]"),
                grid("label_prune without stored labels", "add `labels: stored`",
                        "scores: {width: 16}\nprotocols: [{preset: standard-soft, label_prune: [0.9]}]"),
                grid("top_k a fraction", "top_k is a whole number",
                        "scores: {width: 16}\nprotocols: [{preset: standard-soft, labels: stored, top_k: 2.5}]"),
                grid("stored labels under hard labels", "needs a soft-label protocol",
                        "scores: {width: 16}\nprotocols: [{preset: standard-hard, labels: stored}]"),
                new Case("grid: teacher card is {}", "no 'dataset'", dir -> {
                    Path t = Files.createDirectories(dir.resolve("teacher"));
                    Files.writeString(t.resolve("card.json"), "{}");
                    Files.writeString(dir.resolve("grid.yaml"), "name: g\ndatasets: [" + source + "]\nmethods: [el2n, rded]\n"
                            + "scores: {width: 16}\nteacher: " + t + "\nipc: [1]\nprotocols: [standard-hard]\nseeds: [0]\n");
                    return bench(dir);
                }),
                new Case("grid is a list", "must be a YAML mapping", dir -> {
                    Files.writeString(dir.resolve("grid.yaml"), "- a\n- b\n");
                    return bench(dir);
                }),
                new Case("grid is not YAML", "not valid YAML", dir -> {
                    Files.writeString(dir.resolve("grid.yaml"), "name: [unclosed\n");
                    return bench(dir);
                }));
    }

    /** A grid of el2n on the fixture with {@code extra} lines; an ipc, protocols or set line there replaces the default. */
    private static Case grid(String name, String expected, String extra) {
        return new Case("grid: " + name, expected, dir -> {
            StringBuilder yaml = new StringBuilder("name: g\ndatasets: [" + source + "]\nmethods: [el2n]\nseeds: [0]\n");
            for (String field : List.of("ipc: [1]", "protocols: [standard-hard]", "set: {epochs: 1}")) {
                if (!extra.contains(field.substring(0, field.indexOf(':') + 1))) {
                    yaml.append(field).append('\n');
                }
            }
            Files.writeString(dir.resolve("grid.yaml"), yaml + extra + "\n");
            return bench(dir);
        });
    }

    private static List<String> bench(Path dir) {
        return List.of("bench", dir.resolve("grid.yaml").toString(), "--work", dir.resolve("out").toString(),
                "--image-size", String.valueOf(SIDE));
    }

    // ---- protocols -----------------------------------------------------------------------------

    private static List<Case> protocolCases() {
        return List.of(
                protocol("unknown field", "unknown field 'epoch'", "extends: standard-hard\nepoch: 3\n"),
                protocol("unknown nested field", "unknown field 'scales'",
                        "extends: standard-hard\naugment: {crop: {scales: [0.5, 1]}}\n"),
                protocol("lr is text", "malformed", "extends: standard-hard\nlr: abc\n"),
                protocol("batch size a fraction", "malformed", "extends: standard-hard\nbatch_size: 2.5\n"),
                protocol("not a mapping", "must be a YAML mapping", "- 1\n- 2\n"),
                new Case("--set of no field", "no such field", dir -> evaluate(valid, dir, "--set", "epoch=3")),
                new Case("unknown preset", "unknown protocol", dir -> evaluate(valid, dir, "--protocol", "no-such")));
    }

    private static Case protocol(String name, String expected, String yaml) {
        return new Case("protocol " + name, expected, dir -> {
            Files.writeString(dir.resolve("p.yaml"), yaml);
            return evaluate(valid, dir, "--protocol", dir.resolve("p.yaml").toString());
        });
    }

    // ---- score files ---------------------------------------------------------------------------

    private static List<Case> scoreCases() {
        return List.of(
                scores("scores too short", "has 29 values", "el2n.csv", csv(29, -1, "0.5")),
                scores("scores with NaN", "non-finite", "el2n.csv", csv(30, 7, "nan")),
                scores("scores with text", "is not a number", "el2n.csv", csv(30, 7, "high")),
                scores("scores out of order", "expected 0", "el2n.csv", "index,el2n\n1,0.5\n0,0.5\n"),
                scores("npy of garbage", "not a NumPy .npy file", "el2n.npy", "not numpy at all"));
    }

    private static Case scores(String name, String expected, String file, String content) {
        return new Case(name, expected, dir -> {
            Files.writeString(dir.resolve(file), content);
            return compress(source, dir, "--method", "el2n", "--scores", dir.resolve(file).toString());
        });
    }

    /** One el2n column of {@code n} values, row {@code bad} holding {@code value}. */
    private static String csv(int n, int bad, String value) {
        StringBuilder sb = new StringBuilder("el2n\n");
        for (int i = 0; i < n; i++) {
            sb.append(i == bad ? value : String.valueOf(i * 0.1)).append('\n');
        }
        return sb.toString();
    }

    // ---- ImageFolders --------------------------------------------------------------------------

    private static List<Case> imageFolderCases() {
        return List.of(
                folder("png declares 20000×20000", "larger than the limit",
                        f -> Files.write(f.resolve("train/c0/big.png"), pngHeader(20000, 20000))),
                folder("image links out of the folder", "outside", f -> {
                    Path outside = f.resolveSibling("elsewhere.png");
                    Files.write(outside, png(SIDE, SIDE, 1, 2));
                    Files.createSymbolicLink(f.resolve("train/c0/link.png"), outside);
                }),
                folder("class folder links out of the folder", "outside", f -> {
                    Path outside = Files.createDirectories(f.resolveSibling("elsewhere"));
                    Files.write(outside.resolve("a.png"), png(SIDE, SIDE, 1, 2));
                    Files.createSymbolicLink(f.resolve("train/c0/sub"), outside);
                }),
                folder("image is a fifo", "not a regular file", f -> mkfifo(f.resolve("train/c1/pipe.png"))),
                folder("image is text", "not a PNG or JPEG", f -> Files.writeString(f.resolve("train/c2/x.png"), "hi")));
    }

    @FunctionalInterface
    interface FolderCorruption {
        void apply(Path folder) throws Exception;
    }

    private static Case folder(String name, String expected, FolderCorruption corruption) {
        return new Case("image folder: " + name, expected, dir -> {
            Path f = dir.resolve("folder");
            copyTree(source, f);
            corruption.apply(f);
            return compress(f, dir, "--method", "random");
        });
    }

    // ---- outputs -------------------------------------------------------------------------------

    private static List<Case> outputCases() {
        return List.of(
                new Case("evaluate --out under a file", "is a file, not a folder", dir -> {
                    Files.writeString(dir.resolve("file"), "x");
                    return evaluate(valid, dir, "--out", dir.resolve("file/out").toString());
                }),
                new Case("evaluate --out is a file", "is a file, not a folder", dir -> {
                    Files.writeString(dir.resolve("file"), "x");
                    return evaluate(valid, dir, "--out", dir.resolve("file").toString());
                }),
                new Case("compress --out under a file", "is a file, not a folder", dir -> {
                    Files.writeString(dir.resolve("file"), "x");
                    return compress(source, dir, "--method", "random", "--out", dir.resolve("file/out").toString());
                }),
                new Case("train --out under a file", "is a file, not a folder", dir -> {
                    Files.writeString(dir.resolve("file"), "x");
                    return List.of("train", "--dataset", valid.toString(), "--model", "convnet", "--epochs", "1",
                            "--out", dir.resolve("file/out").toString());
                }),
                new Case("score --out under a file", "is a file, not a folder", dir -> {
                    Files.writeString(dir.resolve("file"), "x");
                    return List.of("score", "--dataset", source.toString(), "--image-size", String.valueOf(SIDE),
                            "--epochs", "1", "--out", dir.resolve("file/out").toString());
                }),
                new Case("report --out under a file", "is a file, not a folder", dir -> {
                    Files.writeString(dir.resolve("file"), "x");
                    return List.of("report", dir.toString(), "--out", dir.resolve("file/out").toString());
                }),
                new Case("analyze --out is a folder", "is a folder", dir -> {
                    Files.createDirectories(dir.resolve("table.json"));
                    return List.of("analyze", "entropy", "--data", valid.toString(), "--observer",
                            dir.resolve("teacher").toString(), "--out", dir.resolve("table.json").toString());
                }),
                new Case("bench store of garbage", "is not a result record", dir -> {
                    Files.writeString(dir.resolve("grid.yaml"), "name: g\ndatasets: [" + source + "]\n"
                            + "methods: [random]\nipc: [1]\nprotocols: [standard-hard]\nseeds: [0]\n");
                    Files.writeString(dir.resolve("store.jsonl"), "garbage\n");
                    List<String> args = new ArrayList<>(bench(dir));
                    args.addAll(List.of("--store", dir.resolve("store.jsonl").toString()));
                    return args;
                }),
                new Case("report of a corrupt record", "not readable", dir -> {
                    Files.createDirectories(dir.resolve("results"));
                    Files.writeString(dir.resolve("results/run.json"), "{\"top1\": \"high\"");
                    return List.of("report", dir.resolve("results").toString(), "--out", dir.resolve("out").toString());
                }),
                new Case("bench --store is a folder", "is a folder", dir -> {
                    Files.writeString(dir.resolve("grid.yaml"), "name: g\ndatasets: [" + source + "]\n"
                            + "methods: [random]\nipc: [1]\nprotocols: [standard-hard]\nseeds: [0]\n");
                    Files.createDirectories(dir.resolve("store"));
                    List<String> args = new ArrayList<>(bench(dir));
                    args.addAll(List.of("--store", dir.resolve("store").toString()));
                    return args;
                }));
    }

    // ---- command-line arguments ----------------------------------------------------------------

    private static List<Case> argumentCases() {
        return List.of(
                new Case("unknown option", "Unknown options: '--epoch'", dir -> evaluate(valid, dir, "--epoch", "3")),
                new Case("missing --out", "Missing required option", dir -> List.of("compress", "--dataset",
                        source.toString(), "--method", "random", "--ipc", "1")),
                new Case("--ipc not a number", "Invalid value", dir -> compress(source, dir, "--method", "random",
                        "--ipc", "two")),
                new Case("--ipc 0", "--ipc must be at least 1", dir -> compress(source, dir, "--method", "random",
                        "--ipc", "0")),
                new Case("--seeds not numbers", "Invalid value", dir -> evaluate(valid, dir, "--seeds", "a,b")),
                new Case("unknown model", "unknown model 'magic'", dir -> evaluate(valid, dir, "--model", "magic")),
                new Case("unknown norm", "unknown norm 'magic'", dir -> evaluate(valid, dir, "--norm", "magic")),
                new Case("unknown method", "unknown method 'magic'", dir -> compress(source, dir, "--method", "magic")));
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** {@code evaluate} of {@code data} into {@code dir/out}; {@code more} are option-value pairs that add or replace. */
    private static List<String> evaluate(Path data, Path dir, String... more) {
        return command("evaluate", more, "--data", data.toString(), "--image-size", String.valueOf(SIDE), "--epochs", "1",
                "--seeds", "0", "--out", dir.resolve("out").toString());
    }

    /** {@code compress} of an ImageFolder at IPC 1 into {@code dir/out}; {@code more} as for {@link #evaluate}. */
    private static List<String> compress(Path folder, Path dir, String... more) {
        return command("compress", more, "--dataset", folder.toString(), "--image-size", String.valueOf(SIDE), "--ipc",
                "1", "--out", dir.resolve("out").toString());
    }

    /** A subcommand with default option-value pairs, each replaced by the same option in {@code more} (picocli refuses repeats). */
    private static List<String> command(String name, String[] more, String... defaults) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (int i = 0; i < defaults.length; i += 2) {
            options.put(defaults[i], defaults[i + 1]);
        }
        for (int i = 0; i < more.length; i += 2) {
            options.put(more[i], more[i + 1]);
        }
        List<String> args = new ArrayList<>(List.of(name));
        options.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return args;
    }

    /** A copy of the valid compressed dataset in {@code dir/data}. */
    private static Path copy(Path dir) throws IOException {
        Path data = dir.resolve("data");
        copyTree(valid, data);
        return data;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Every entry under {@code dir} (links not followed) with its size: what a command left behind. */
    private static Map<String, Long> snapshot(Path dir) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
                files.put(dir.relativize(file).toString(), a.isRegularFile() ? a.size() : -1);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a) {
                files.put(dir.relativize(d) + "/", -1L);
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    private static void mkfifo(Path file) throws Exception {
        Process p = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "mkfifo " + file);
    }

    /** A real RGB PNG of one colour. */
    private static byte[] png(int w, int h, int red, int green) throws IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (red & 0xff) << 16 | (green & 0xff) << 8 | (x * 30 + y * 7) & 0xff);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** A tiny PNG whose header declares {@code w×h} RGB pixels (gigabytes if decoded) over a few bytes of data. */
    private static byte[] pngHeader(int w, int h) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[] {8, 2, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64]);
        deflater.finish();
        byte[] idat = new byte[128];
        chunk(out, "IDAT", java.util.Arrays.copyOf(idat, deflater.deflate(idat)));
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
