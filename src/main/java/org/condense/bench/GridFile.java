package org.condense.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.condense.UserException;
import org.condense.compress.CompressionMethod;
import org.condense.compress.MethodNeeds;
import org.condense.compress.MethodOptions;
import org.condense.labels.LabelSelect;
import org.condense.methods.CompressionMethods;

/**
 * Reads a grid file. Example:
 * <pre>
 * name: cifar10-pruning
 * datasets: [cifar10]
 * scores: {width: 32, epochs: 20, k: 10, seed: 0}   # or a folder: scores: runs/scores-cifar10
 * methods:
 *   - random
 *   - {method: el2n, label: el2n-hard, options: {hard: true}}
 *   - {method: pca, options: {factor: 2}, set: {augment.patch: none}, label: combine}
 *   - {method: pca, label: pca-hard, protocols: [standard-hard]}   # only under these presets
 * ipc: [10, 50]
 * protocols: [standard-hard, {preset: pca-hard, set: {batch_size: 64}}]
 *   # or soft labels relabelled once per dataset and seed, then LPLD-pruned: a run per ratio
 *   # - {preset: standard-soft, labels: stored, label_prune: [0, 0.9, 0.99], top_k: 3}
 *   #   (label_select: epoch keeps whole epochs instead of batch records)
 * set: {epochs: 300}            # overrides every protocol
 * models: [convnet]             # default; any network of `condense train --help`, e.g. swinv2t
 * seeds: [0, 1, 2]              # default
 * </pre>
 * Relative paths are resolved against the grid file's folder. Every mistake is one
 * {@link UserException} naming the field.
 */
public final class GridFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> FIELDS = Set.of("name", "datasets", "dataset", "scores", "teacher", "methods", "ipc",
            "protocols", "set", "models", "seeds");

    private GridFile() {}

    public static Grid load(Path file) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new UserException("grid file " + file + " is not a regular file; give a YAML file");
        }
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserException("no grid file at " + file);
        } catch (IOException e) {
            throw new UserException("grid file " + file + " is not valid YAML: " + e.getMessage().split("\n")[0]);
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(root, base, file.toString());
    }

    static Grid parse(JsonNode root, Path base, String where) {
        if (root == null || !root.isObject()) {
            throw new UserException("grid " + where + " must be a YAML mapping with name, datasets, methods, ipc, protocols");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new UserException("grid " + where + ": unknown field '" + f + "'; fields are " + FIELDS.stream().sorted().toList());
            }
        }
        String name = text(root, "name", where);
        List<String> datasets = root.has("dataset") ? List.of(text(root, "dataset", where))
                : list(root, "datasets", where, n -> scalar(n, "datasets", where));
        Map<String, String> globalSet = map(root.get("set"), "set", where);
        List<MethodEntry> methods = list(root, "methods", where, n -> method(n, where));
        Set<String> labels = new HashSet<>();
        for (MethodEntry m : methods) {
            if (!labels.add(m.label())) {
                throw new UserException("grid " + where + ": two methods are labelled '" + m.label() + "'; give each a distinct label");
            }
        }
        List<Integer> ipcs = list(root, "ipc", where, n -> {
            if (!n.canConvertToInt() || n.asInt() < 1) {
                throw new UserException("grid " + where + ": ipc values must be positive integers, got " + n);
            }
            return n.asInt();
        });
        List<ProtocolEntry> protocols = list(root, "protocols", where, n -> protocol(n, globalSet, where));
        checkRowProtocols(methods, protocols, where);
        List<String> models = root.has("models") ? list(root, "models", where, n -> scalar(n, "models", where)) : List.of("convnet");
        List<Long> seeds = root.has("seeds") ? list(root, "seeds", where, n -> {
            if (!n.canConvertToLong()) {
                throw new UserException("grid " + where + ": seeds must be integers, got " + n);
            }
            return n.asLong();
        }) : List.of(0L, 1L, 2L);
        ScoresSpec scores = scores(root.get("scores"), base, where);
        // the grid's scores and teacher serve the methods that need them and name none of their own
        List<String> wantScores = missing(methods, MethodNeeds.SCORES, MethodNeeds::readsScores);
        if (scores == null && !wantScores.isEmpty()) {
            throw new UserException("grid " + where + ": " + needs(wantScores) + " scores; add "
                    + "`scores: FOLDER` or `scores: {width: 32, epochs: 20}`");
        }
        if (scores != null && scores.existing() && datasets.size() > 1) {
            throw new UserException("grid " + where + ": a scores folder serves one dataset; with several datasets "
                    + "give `scores: {width: …, epochs: …}` so each is scored");
        }
        String teacher = teachers(root, base, where);
        List<String> wantTeacher = missing(methods, MethodNeeds.TEACHER, MethodNeeds::needsTeacher);
        if (teacher == null && !wantTeacher.isEmpty()) {
            throw new UserException("grid " + where + ": " + needs(wantTeacher) + " a teacher; add `teacher: FOLDER` "
                    + "(from `condense train`; or a list of folders for a method that takes several)");
        }
        return new Grid(name, datasets, scores, teacher, methods, ipcs, protocols, models, seeds);
    }

    /** "el2n needs", "el2n, pca need". */
    private static String needs(List<String> labels) {
        return String.join(", ", labels) + (labels.size() == 1 ? " needs" : " need");
    }

    /** Labels of the methods that need an input (per {@code needs}) and do not name it in option {@code option}. */
    private static List<String> missing(List<MethodEntry> methods, String option, Predicate<MethodNeeds> needs) {
        return methods.stream().filter(m -> needs.test(m.needs()) && !m.options().containsKey(option))
                .map(MethodEntry::label).toList();
    }

    /** {@code teacher: FOLDER} or {@code teacher: [FOLDER, …]}, resolved against the grid's folder, comma-joined; null if absent. */
    private static String teachers(JsonNode root, Path base, String where) {
        if (!root.has("teacher")) {
            return null;
        }
        List<String> dirs = root.get("teacher").isArray()
                ? list(root, "teacher", where, n -> scalar(n, "teacher", where))
                : List.of(text(root, "teacher", where));
        List<String> resolved = new ArrayList<>();
        for (String d : dirs) {
            if (d.isBlank() || d.contains(",")) {
                throw new UserException("grid " + where + ": teacher folders must be non-empty and without commas, got '"
                        + d + "'");
            }
            resolved.add(base.resolve(d).normalize().toString());
        }
        return String.join(",", resolved);
    }

    private static MethodEntry method(JsonNode n, String where) {
        if (n.isTextual()) {
            return entry(n.asText(), null, Map.of(), Map.of(), where);
        }
        if (!n.isObject() || !n.has("method")) {
            throw new UserException("grid " + where + ": a method is a name or {method: NAME, options: {…}, set: {…}, label: …}, got " + n);
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("method", "label", "options", "set", "protocols").contains(f)) {
                throw new UserException("grid " + where + ": unknown method field '" + f
                        + "' (method, label, options, set, protocols)");
            }
        }
        MethodEntry e = entry(n.get("method").asText(), n.has("label") ? n.get("label").asText() : null,
                map(n.get("options"), "options", where), map(n.get("set"), "set", where), where);
        if (!n.has("protocols")) {
            return e;
        }
        List<String> presets = list(n, "protocols", where, p -> scalar(p, "a method's protocols", where));
        return new MethodEntry(e.label(), e.method(), e.options(), e.set(), presets);
    }

    /** A row's {@code protocols} must name presets of the grid's protocols, or it would silently run nothing. */
    private static void checkRowProtocols(List<MethodEntry> methods, List<ProtocolEntry> protocols, String where) {
        Set<String> presets = new java.util.TreeSet<>();
        protocols.forEach(p -> presets.add(p.preset()));
        for (MethodEntry m : methods) {
            if (m.protocols() == null) {
                continue;
            }
            for (String p : m.protocols()) {
                if (!presets.contains(p)) {
                    throw new UserException("grid " + where + ": method " + m.label() + " names protocol '" + p
                            + "', which is not among the grid's protocols " + presets);
                }
            }
        }
    }

    private static MethodEntry entry(String method, String label, Map<String, String> options, Map<String, String> set,
            String where) {
        CompressionMethod m = CompressionMethods.get(method); // an unknown name fails here, before anything runs
        MethodOptions.check(m, options); // and so does an option it does not take
        String l = label != null ? label : method + options.entrySet().stream()
                .filter(e -> !e.getKey().equals(MethodNeeds.SCORES)).map(e -> "-" + e.getKey() + e.getValue()).reduce("", String::concat);
        if (!l.matches("[A-Za-z0-9._=-]+")) {
            throw new UserException("grid " + where + ": label '" + l + "' may use letters, digits and . _ = - only");
        }
        return new MethodEntry(l, method, options, set);
    }

    private static ProtocolEntry protocol(JsonNode n, Map<String, String> globalSet, String where) {
        Map<String, String> set = new LinkedHashMap<>(globalSet);
        if (n.isTextual()) {
            return new ProtocolEntry(n.asText(), set);
        }
        if (!n.isObject() || !n.has("preset")) {
            throw new UserException("grid " + where + ": a protocol is a preset name or {preset: NAME, set: {…}}, got " + n);
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!PROTOCOL_FIELDS.contains(f)) {
                throw new UserException("grid " + where + ": unknown protocol field '" + f + "' ("
                        + String.join(", ", PROTOCOL_FIELDS) + ")");
            }
        }
        set.putAll(map(n.get("set"), "set", where));
        String preset = n.get("preset").asText();
        JsonNode labels = n.get("labels");
        if (labels != null && !(labels.isTextual() && LABEL_SOURCES.contains(labels.asText()))) {
            throw new UserException("grid " + where + ": protocol " + preset + ": labels is 'online' (a teacher at "
                    + "every step) or 'stored' (relabelled once), got " + labels);
        }
        boolean stored = labels != null && labels.asText().equals("stored");
        if (!stored && (n.has("label_prune") || n.has("top_k") || n.has("label_select"))) {
            throw new UserException("grid " + where + ": protocol " + preset + ": label_prune, label_select and top_k "
                    + "apply to stored labels; add `labels: stored`");
        }
        if (!stored) {
            return new ProtocolEntry(preset, set);
        }
        List<Double> prunes = n.has("label_prune") ? list(n, "label_prune", where, v -> {
            if (!v.isNumber() || !(v.asDouble() >= 0 && v.asDouble() < 1)) {
                throw new UserException("grid " + where + ": protocol " + preset + ": label_prune values are ratios "
                        + "in [0, 1), got " + v);
            }
            return v.asDouble();
        }) : List.of(0.0);
        if (new HashSet<>(prunes).size() != prunes.size()) {
            throw new UserException("grid " + where + ": protocol " + preset + ": label_prune lists a ratio twice: "
                    + prunes);
        }
        JsonNode k = n.get("top_k");
        if (k != null && (!k.isIntegralNumber() || !k.canConvertToInt() || k.asInt() < 0)) {
            throw new UserException("grid " + where + ": protocol " + preset + ": top_k is a whole number of classes "
                    + "(0: all), got " + k);
        }
        JsonNode select = n.get("label_select");
        if (select != null && !select.isTextual()) {
            throw new UserException("grid " + where + ": protocol " + preset + ": label_select is one of batch, epoch, "
                    + "got " + select);
        }
        LabelSelect rule;
        try {
            rule = LabelSelect.parse(select == null ? null : select.asText());
        } catch (UserException e) {
            throw new UserException("grid " + where + ": protocol " + preset + ": " + e.getMessage());
        }
        return new ProtocolEntry(preset, set, true, prunes, k == null ? 0 : k.asInt(), rule);
    }

    private static final List<String> PROTOCOL_FIELDS = List.of("preset", "set", "labels", "label_prune", "label_select",
            "top_k");
    private static final Set<String> LABEL_SOURCES = Set.of("online", "stored");

    private static ScoresSpec scores(JsonNode n, Path base, String where) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return new ScoresSpec(base.resolve(n.asText()).normalize(), 0, 0, 0, 0);
        }
        if (!n.isObject()) {
            throw new UserException("grid " + where + ": scores is a folder or {width, epochs, k, seed}, got " + n);
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!SCORES_FIELDS.contains(f)) {
                throw new UserException("grid " + where + ": unknown scores field '" + f + "'; fields are " + SCORES_FIELDS);
            }
        }
        return new ScoresSpec(null, (int) whole(n, "width", 32, 1, where), (int) whole(n, "epochs", 20, 1, where),
                (int) whole(n, "k", 10, 1, where), whole(n, "seed", 0, Long.MIN_VALUE, where));
    }

    private static final List<String> SCORES_FIELDS = List.of("width", "epochs", "k", "seed");

    /** An integer field of the scores block, {@code otherwise} when absent; text or fractions are refused, not defaulted. */
    private static long whole(JsonNode block, String field, long otherwise, long min, String where) {
        JsonNode v = block.get(field);
        if (v == null) {
            return otherwise;
        }
        boolean fits = field.equals("seed") ? v.canConvertToLong() : v.canConvertToInt();
        if (!v.isIntegralNumber() || !fits || v.asLong() < min) {
            throw new UserException("grid " + where + ": scores." + field + " must be " + (min > 0 ? "a positive" : "an")
                    + " integer, got " + v);
        }
        return v.asLong();
    }

    private static String text(JsonNode root, String field, String where) {
        JsonNode n = root.get(field);
        if (n == null || !n.isValueNode() || n.asText().isBlank()) {
            throw new UserException("grid " + where + ": missing '" + field + "'");
        }
        return n.asText();
    }

    private static String scalar(JsonNode n, String field, String where) {
        if (!n.isValueNode()) {
            throw new UserException("grid " + where + ": " + field + " holds names, got " + n);
        }
        return n.asText();
    }

    private static <T> List<T> list(JsonNode root, String field, String where, Function<JsonNode, T> item) {
        JsonNode n = root.get(field);
        if (n == null) {
            throw new UserException("grid " + where + ": missing '" + field + "'");
        }
        List<T> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(e -> out.add(item.apply(e)));
        } else {
            out.add(item.apply(n));
        }
        if (out.isEmpty()) {
            throw new UserException("grid " + where + ": '" + field + "' is empty");
        }
        return List.copyOf(out);
    }

    private static Map<String, String> map(JsonNode n, String field, String where) {
        if (n == null || n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw new UserException("grid " + where + ": '" + field + "' must be a mapping of FIELD: VALUE, got " + n);
        }
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
        }
        return out;
    }
}
