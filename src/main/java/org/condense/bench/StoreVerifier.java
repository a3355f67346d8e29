package org.condense.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.condense.UserException;
import org.condense.compress.CompressedDataset;
import org.condense.compress.Manifest;
import org.condense.evaluate.EvaluationRunner;
import org.condense.train.Protocol;
import org.condense.evaluate.Protocols;
import org.condense.evaluate.ResultRecord;

/**
 * Checks that a finished grid's store and work folder agree: every line of the store is a whole
 * record with a unique key, every run of the grid has its data folder (a manifest whose images are
 * all on disk with the bytes it names) and a record whose key is that data's, every record belongs
 * to such a run, and no temporary folder or checkpoint of an unfinished write is left. Reads only.
 */
public final class StoreVerifier {
    private final Grid grid;
    private final BenchRunner.Options options;

    public StoreVerifier(Grid grid, BenchRunner.Options options) {
        this.grid = grid;
        this.options = options;
    }

    /** One line per problem; empty when the store and its data are consistent. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> lineOfKey = readStore(problems);
        Map<String, Integer> unclaimed = new LinkedHashMap<>(lineOfKey);
        EvaluationRunner evaluator = new EvaluationRunner(line -> { });
        for (BenchRun run : grid.expand()) {
            Path data = options.work().resolve("data").resolve(run.dataFolder());
            String problem = checkData(data);
            if (problem != null) {
                problems.add("run " + run.id() + ": " + problem);
                continue;
            }
            Protocol p = Protocols.load(run.protocol().preset(), run.overrides());
            Path labels = run.storedLabels() ? BenchLabels.folder(options.work(), run, p) : null;
            if (labels != null && !BenchLabels.complete(labels)) {
                problems.add("run " + run.id() + ": its stored labels " + labels + " are missing or incomplete");
                continue;
            }
            String key;
            try {
                key = evaluator.plan(BenchLabels.request(data, p, run, grid.onlineTeacher(p.recipe()),
                        grid.ensembleTeachers(p.recipe()), labels, options.data()))
                        .key(run.seed());
            } catch (UserException e) {
                problems.add("run " + run.id() + ": " + e.getMessage());
                continue;
            }
            if (unclaimed.remove(key) == null && !lineOfKey.containsKey(key)) {
                problems.add("run " + run.id() + ": no record in the store for its data folder " + data + " (key " + key + ")");
            }
        }
        unclaimed.forEach((key, line) -> problems.add("store line " + line + ": record " + key
                + " matches no run of the grid with the data folder it was trained on"));
        leftovers(problems);
        return problems;
    }

    /** Line of each key; torn, unreadable and duplicate lines are reported. */
    private Map<String, Integer> readStore(List<String> problems) {
        Path file = options.store();
        Map<String, Integer> lineOfKey = new HashMap<>();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add("store " + file + ": cannot be read (" + e.getMessage() + ")");
            return lineOfKey;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            boolean last = i == lines.length - 1; // text after the last newline: an append cut short
            if (last) {
                problems.add("store line " + (i + 1) + ": cut short (" + line.length() + " characters without a newline)");
                continue;
            }
            ResultRecord r;
            try {
                JsonNode node = ResultStore.JSON.readTree(line);
                r = ResultStore.JSON.treeToValue(node, ResultRecord.class);
            } catch (IOException e) {
                problems.add("store line " + (i + 1) + ": not a result record");
                continue;
            }
            if (r.key() == null) {
                problems.add("store line " + (i + 1) + ": record without a key");
                continue;
            }
            Integer earlier = lineOfKey.putIfAbsent(r.key(), i + 1);
            if (earlier != null) {
                problems.add("store line " + (i + 1) + ": duplicate of line " + earlier + " (key " + r.key() + ")");
            }
        }
        return lineOfKey;
    }

    /** Why a data folder is not a complete compressed dataset, or null if it is. */
    private static String checkData(Path data) {
        if (!CompressedDataset.isCompressedDataset(data)) {
            return "data folder " + data + " is missing or has no manifest";
        }
        try {
            CompressedDataset ds = CompressedDataset.open(data);
            if (!ds.imagesOnDisk()) {
                return "data folder " + data + " lacks images its manifest lists";
            }
            Manifest m = ds.manifest();
            long onDisk = 0;
            for (Manifest.Entry e : m.images()) {
                onDisk += Files.size(data.resolve(e.file()));
            }
            if (m.bytes() != null && onDisk != m.bytes().images()) {
                return "data folder " + data + " holds " + onDisk + " bytes of images, its manifest names "
                        + m.bytes().images();
            }
            return null;
        } catch (UserException | IOException e) {
            return "data folder " + data + ": " + e.getMessage();
        }
    }

    /** Temporary folders and checkpoints that only an unfinished or killed write leaves behind. */
    private void leftovers(List<String> problems) {
        Path work = options.work();
        if (!Files.isDirectory(work)) {
            problems.add("work folder " + work + " is missing");
            return;
        }
        try (Stream<Path> walk = Files.walk(work, 3)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                String n = p.getFileName().toString();
                if (Files.isDirectory(p) && (n.contains(".tmp-") || n.endsWith(".partial"))) {
                    problems.add("leftover temporary folder " + p);
                } else if (Files.isDirectory(p) && p.getParent().equals(work.resolve("checkpoints"))) {
                    problems.add("leftover checkpoint " + p + " (a run that did not finish)");
                }
            }
        } catch (IOException e) {
            problems.add("work folder " + work + ": cannot be listed (" + e.getMessage() + ")");
        }
    }
}
