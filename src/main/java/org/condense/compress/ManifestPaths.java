package org.condense.compress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Paths a manifest names (the scores file, teachers): written relative to the dataset's folder,
 * so a manifest holds no path of the machine that made it and a moved work folder still finds
 * them. Inputs are identified by their SHA-256 ({@link Manifest#key()}), never by these paths.
 */
public final class ManifestPaths {
    /** Options and parameters whose values are paths (comma-separated for several teachers). */
    static final Set<String> OPTIONS = Set.of(MethodNeeds.SCORES, MethodNeeds.TEACHER);

    private ManifestPaths() {}

    /** Whether a parameter names a file or folder rather than a choice. */
    static boolean isPathParameter(String key) {
        return key.equals(PinnedInput.SCORES_FILE) || key.equals("teacher_dir") || key.startsWith("teacher_weights")
                || key.startsWith("teacher_dir_");
    }

    /** {@code value} (one path, or several comma-separated) relative to {@code folder}. */
    public static String relative(Path folder, String value) {
        if (value == null || value.isBlank()) {
            return value;
        }
        Path base = folder.toAbsolutePath().normalize();
        return Arrays.stream(value.split(",")).map(String::trim).map(v -> {
            Path p = Path.of(v).toAbsolutePath().normalize();
            try {
                return base.relativize(p).toString();
            } catch (IllegalArgumentException e) {
                return p.getFileName() == null ? v : p.getFileName().toString(); // another root: the name only
            }
        }).collect(Collectors.joining(","));
    }

    /** The options with the inputs' paths made relative to {@code folder}. */
    static Map<String, String> relativeOptions(Path folder, Map<String, String> options) {
        Map<String, String> out = new TreeMap<>(options);
        out.replaceAll((k, v) -> OPTIONS.contains(k) ? relative(folder, v) : v);
        return out;
    }

    /** The parameters with every path (also in nested lists and maps, e.g. several teachers) made relative to {@code folder}. */
    static Map<String, Object> relativeParameters(Path folder, Map<String, Object> parameters) {
        Map<String, Object> out = new TreeMap<>();
        parameters.forEach((k, v) -> out.put(k, relativeValue(folder, k, v)));
        return out;
    }

    private static Object relativeValue(Path folder, String key, Object value) {
        if (value instanceof String s && isPathParameter(key)) {
            return relative(folder, s);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), relativeValue(folder, String.valueOf(k), v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(relativeValue(folder, key, v)));
            return out;
        }
        return value;
    }

    /**
     * Rewrites the manifest in {@code dataset} if it names an input by an absolute path, with every
     * input path made relative to {@code dataset} (atomically); true if it did. Its key is unchanged.
     */
    public static boolean makeRelative(Path dataset) throws java.io.IOException {
        Path file = dataset.resolve("manifest.json");
        Manifest m = CompressedDataset.readManifest(file);
        Map<String, String> options = m.options() == null ? Map.of() : m.options();
        Map<String, Object> parameters = m.parameters() == null ? Map.of() : m.parameters();
        boolean absolute = options.entrySet().stream().anyMatch(e -> OPTIONS.contains(e.getKey()) && isAbsolute(e.getValue()))
                || anyAbsolute(null, parameters);
        if (!absolute) {
            return false;
        }
        Manifest relative = new Manifest(m.format(), m.sourceDataset(), m.sourceSize(), m.classes(), m.method(),
                m.options() == null ? null : relativeOptions(dataset, m.options()),
                m.parameters() == null ? null : relativeParameters(dataset, m.parameters()), m.ipc(), m.seed(),
                m.resolution(), m.channels(), m.factor(), m.mean(), m.std(), m.images(), m.bytes(), m.codeVersion());
        org.condense.io.AtomicFiles.write(file, o -> CompressedDatasetWriter.JSON.writeValue(o, relative));
        return true;
    }

    private static boolean isAbsolute(String value) {
        return value != null && Arrays.stream(value.split(",")).anyMatch(v -> Path.of(v.trim()).isAbsolute());
    }

    private static boolean anyAbsolute(String key, Object value) {
        if (value instanceof String s) {
            return key != null && isPathParameter(key) && isAbsolute(s);
        }
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().anyMatch(e -> anyAbsolute(String.valueOf(e.getKey()), e.getValue()));
        }
        if (value instanceof List<?> l) {
            return l.stream().anyMatch(v -> anyAbsolute(key, v));
        }
        return false;
    }

    /**
     * Where a path a manifest recorded lies now: relative to the dataset folder (manifests from now
     * on), else as written (absolute, or relative to the working folder in older manifests).
     */
    public static Path resolve(Path folder, String value) {
        Path p = Path.of(value);
        if (p.isAbsolute()) {
            return p;
        }
        Path inFolder = folder.resolve(p).normalize();
        return Files.exists(inFolder) || !Files.exists(p) ? inFolder : p;
    }
}
