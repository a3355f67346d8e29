package org.condense.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.condense.UserException;
import org.condense.compress.CompressedDataset;
import org.condense.compress.LegacyDataIdentity;
import org.condense.compress.Manifest;
import org.condense.compress.ManifestPaths;
import org.condense.evaluate.Protocols;
import org.condense.evaluate.RunKey;
import org.condense.io.AtomicFiles;
import org.condense.model.NetworkSpec;
import org.condense.train.Checkpoints;
import org.condense.train.Protocol;
import org.condense.train.TeacherStore;

/**
 * Rewrites a store made when run keys hashed the paths of the scores file and the teacher, so that
 * its records carry the content keys of today: each record's key is recomputed from the record
 * (protocol, network, seed), its dataset's manifest (whose inputs are pinned by SHA-256) and the
 * SHA-256 of its teacher's weights, and the teacher's path in the record is replaced by that hash.
 * In the work folder, the checkpoints of runs in progress (named by the old key) are renamed to the
 * new key, and manifests' absolute paths become relative to their dataset folder.
 *
 * <p>A record that cannot be rekeyed exactly (its manifest is gone, an input was never pinned,
 * the teacher is missing or its weights changed since) keeps its key and gets a
 * {@code "migration"} field saying why; the bench then reruns that run under its new key rather
 * than pass an old result off as the new one. Every rewrite is atomic (temporary file, rename),
 * and a second migration changes nothing.
 */
public final class StoreMigration {
    private static final ObjectMapper JSON = ResultStore.JSON;
    static final String MARKER = "migration";

    /** What a migration did. */
    public record Summary(int records, int rekeyed, int unchanged, int kept, int duplicates, int checkpoints,
            int manifests) {
        public String line(Path store) {
            return String.format("migrated %s: %d records, %d rekeyed, %d already current, %d kept their old key "
                    + "(marked \"%s\"), %d duplicates dropped; %d checkpoints renamed, %d manifests made path-free",
                    store, records, rekeyed, unchanged, kept, MARKER, duplicates, checkpoints, manifests);
        }
    }

    private final Grid grid;
    private final Path work;
    private final Path store;
    private final List<Path> dataFolders = new ArrayList<>();
    /** Teacher weights' SHA-256 that manifests pinned, by the teacher path they recorded. */
    private final Map<String, Set<String>> pinnedTeachers = new HashMap<>();

    /**
     * @param grid the grid whose runs in progress have checkpoints under {@code work}, or null
     * @param extraData more folders that hold the records' compressed datasets by name
     */
    public StoreMigration(Grid grid, Path work, Path store, List<Path> extraData) {
        this.grid = grid;
        this.work = work;
        this.store = store;
        if (work != null) {
            dataFolders.add(work.resolve("data"));
        }
        String name = store.getFileName().toString().replaceFirst("\\.jsonl$", "");
        dataFolders.add(store.resolveSibling(name + "-data")); // the committed layout: <store>-data/<dataset>/
        dataFolders.addAll(extraData);
    }

    public Summary run() {
        if (!Files.isRegularFile(store)) {
            throw new UserException("no results store at " + store + "; give the store to migrate with --store");
        }
        ResultStore.read(store); // whole lines of records only: a torn or damaged store is refused here
        collectPinnedTeachers();
        Map<String, String> checkpointKeys = grid == null || work == null ? Map.of() : checkpointKeys();
        int[] counts = new int[4]; // rekeyed, unchanged, kept, duplicates
        List<String> out = new ArrayList<>();
        int records = 0;
        try (FileChannel ch = FileChannel.open(store, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            String text = Files.readString(store, StandardCharsets.UTF_8);
            Set<String> seen = new HashSet<>();
            boolean changed = false;
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                records++;
                ObjectNode node = (ObjectNode) JSON.readTree(line);
                String before = JSON.writeValueAsString(node);
                int outcome = migrate(node);
                counts[outcome]++;
                if (!seen.add(node.path("key").asText())) {
                    counts[3]++; // the same run under two old keys (e.g. a moved work folder): keep the first
                    changed = true;
                    continue;
                }
                String after = JSON.writeValueAsString(node);
                changed |= !after.equals(before);
                out.add(after.equals(before) ? line : after);
            }
            if (changed) {
                String migrated = String.join("\n", out) + "\n";
                AtomicFiles.write(store, o -> o.write(migrated.getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UserException("cannot migrate results store " + store + " (" + e + "); check it is writable");
        }
        int renamed = renameCheckpoints(checkpointKeys);
        int manifests = work == null ? 0 : relativeManifests(work.resolve("data"));
        return new Summary(records, counts[0], counts[1], counts[2], counts[3], renamed, manifests);
    }

    /** 0: rekeyed, 1: already current, 2: kept (marked). */
    private int migrate(ObjectNode r) throws IOException {
        String oldKey = r.path("key").asText();
        String newKey;
        String teacher;
        try {
            teacher = teacherId(r);
            newKey = RunKey.of(dataIdentity(r), (ObjectNode) r.get("protocol_config"),
                    JSON.treeToValue(r.get("network"), NetworkSpec.class), teacher, r.path("seed").asLong(), null, 0);
        } catch (NotExact e) {
            r.put(MARKER, "kept its old key: " + e.getMessage());
            return 2;
        }
        r.remove(MARKER);
        if (teacher != null) {
            r.put("teacher", teacher);
        }
        r.put("key", newKey);
        return newKey.equals(oldKey) ? 1 : 0;
    }

    /** Why a record cannot be rekeyed exactly. */
    private static final class NotExact extends Exception {
        NotExact(String why) {
            super(why, null, false, false);
        }
    }

    /** The record's data identity as {@code TrainingData} computes it today. */
    private Object dataIdentity(ObjectNode r) throws NotExact {
        String data = r.path("data").asText();
        String method = r.path("method").asText();
        if (method.equals("full")) {
            return "full:" + data;
        }
        Path manifest = manifestOf(data);
        if (manifest == null) {
            throw new NotExact("the manifest of " + data + " is in none of " + dataFolders);
        }
        Manifest m = CompressedDataset.readManifest(manifest);
        Map<String, Object> key = m.key();
        if (key.get("inputs") instanceof Map<?, ?> inputs
                && inputs.values().stream().anyMatch(v -> String.valueOf(v).startsWith("path:"))) {
            throw new NotExact(manifest + " names an input by path only (made before inputs were pinned by SHA-256)");
        }
        return key;
    }

    private Path manifestOf(String data) {
        if (data.isBlank() || data.contains("/") || data.contains("\\") || data.startsWith(".")) {
            return null;
        }
        for (Path folder : dataFolders) {
            Path m = folder.resolve(data).resolve("manifest.json");
            if (Files.isRegularFile(m)) {
                return m;
            }
        }
        return null;
    }

    /** The online teacher by content; null for runs without one (hard labels, stored labels). */
    private String teacherId(ObjectNode r) throws NotExact {
        JsonNode t = r.get("teacher");
        if (t == null || t.isNull()) {
            return null;
        }
        String teacher = t.asText();
        if (teacher.startsWith("sha256:")) {
            if ("stored".equals(r.path("protocol_config").path("label_source").asText())) {
                // stored labels name their teacher, but the run's key names the labels, which the record does not hold
                throw new NotExact("a run on stored labels (their hash is not in the record)");
            }
            return teacher;
        }
        Path dir = Path.of(teacher);
        if (!Files.isRegularFile(dir.resolve(TeacherStore.WEIGHTS))) {
            throw new NotExact("teacher weights " + dir.resolve(TeacherStore.WEIGHTS) + " not found");
        }
        String sha = TeacherStore.weightsSha256(dir);
        Set<String> pinned = pinnedTeachers.getOrDefault(dir.toAbsolutePath().normalize().toString(), Set.of());
        if (!pinned.isEmpty() && !pinned.equals(Set.of(sha))) {
            throw new NotExact("the weights in " + dir + " differ from those its datasets were made with " + pinned);
        }
        return "sha256:" + sha;
    }

    /** Teacher paths and hashes the manifests of the data folders pinned: replaced weights are told from the same ones. */
    private void collectPinnedTeachers() {
        for (Path folder : dataFolders) {
            for (Path dataset : children(folder)) {
                Path manifest = dataset.resolve("manifest.json");
                if (!Files.isRegularFile(manifest)) {
                    continue;
                }
                Map<String, Object> p = CompressedDataset.readManifest(manifest).parameters();
                collectPinned(dataset, p == null ? Map.of() : p);
            }
        }
    }

    private void collectPinned(Path dataset, Map<?, ?> p) {
        if (p.get("teacher_dir") instanceof String dir && p.get("teacher_sha256") instanceof String sha) {
            String path = ManifestPaths.resolve(dataset, dir).toAbsolutePath().normalize().toString();
            pinnedTeachers.computeIfAbsent(path, k -> new HashSet<>()).add(sha);
        }
        if (p.get("teachers") instanceof List<?> list) {
            list.stream().filter(Map.class::isInstance).forEach(m -> collectPinned(dataset, (Map<?, ?>) m));
        }
    }

    /**
     * Old key to new key of each grid run whose dataset is in the work folder, the old one
     * computed as the bench computed it before (the paths of the scores and teacher as the grid
     * and the manifest name them); run from the folder the bench ran in.
     */
    private Map<String, String> checkpointKeys() {
        Map<String, String> keys = new HashMap<>();
        for (BenchRun run : grid.expand()) {
            Path manifestFile = work.resolve("data").resolve(run.dataFolder()).resolve("manifest.json");
            if (!Files.isRegularFile(manifestFile)) {
                continue;
            }
            Manifest m = CompressedDataset.readManifest(manifestFile);
            Protocol p = Protocols.load(run.protocol().preset(), run.overrides());
            NetworkSpec spec = NetworkSpec.of(run.model(), m.channels(), m.resolution(), m.classes().size());
            boolean soft = p.recipe().softLabels() && grid.firstTeacher() != null;
            String oldTeacher = soft ? Path.of(grid.firstTeacher()).toAbsolutePath().normalize().toString() : null;
            Map<String, Object> oldData = LegacyDataIdentity.of(manifestFile.getParent(), m);
            String oldKey = RunKey.of(oldData, p.resolved(), spec, oldTeacher, run.seed(), null, 0);
            String newTeacher = null;
            if (soft) {
                Path weights = Path.of(grid.firstTeacher()).resolve(TeacherStore.WEIGHTS);
                if (!Files.isRegularFile(weights)) {
                    continue;
                }
                newTeacher = "sha256:" + TeacherStore.weightsSha256(Path.of(grid.firstTeacher()));
            }
            keys.put(oldKey, RunKey.of(m.key(), p.resolved(), spec, newTeacher, run.seed(), null, 0));
        }
        return keys;
    }

    private int renameCheckpoints(Map<String, String> keys) {
        Path root = work == null ? null : work.resolve("checkpoints");
        int renamed = 0;
        if (root == null || !Files.isDirectory(root)) {
            return 0;
        }
        for (Path dir : children(root)) {
            String newKey = keys.get(dir.getFileName().toString());
            if (newKey == null || newKey.equals(dir.getFileName().toString())) {
                continue;
            }
            Path target = root.resolve(newKey);
            try {
                if (Files.exists(target)) {
                    continue; // a run under the new key started already: it is the one to continue
                }
                Checkpoints.rekey(dir, newKey);
                AtomicFiles.move(dir, target);
                AtomicFiles.syncFolder(root);
                renamed++;
            } catch (IOException e) {
                throw new UserException("cannot rename checkpoint " + dir + " to " + target + " (" + e + ")");
            }
        }
        return renamed;
    }

    /** Rewrites manifests that name inputs by absolute paths with paths relative to their folder; returns how many. */
    private static int relativeManifests(Path dataRoot) {
        int n = 0;
        for (Path dataset : children(dataRoot)) {
            if (!Files.isRegularFile(dataset.resolve("manifest.json"))) {
                continue;
            }
            try {
                n += ManifestPaths.makeRelative(dataset) ? 1 : 0;
            } catch (IOException e) {
                throw new UserException("cannot rewrite manifest in " + dataset + " (" + e + ")");
            }
        }
        return n;
    }

    private static List<Path> children(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UserException("cannot list " + folder + ": " + e.getMessage());
        }
    }
}
