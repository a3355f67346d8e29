package org.condense.compress;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A compressed dataset's identity as run keys hashed it before inputs were named by content: the
 * manifest's choices with the scores file and teachers as absolute paths. Migrations compute a
 * run's old key with it, to find what that run left (records, checkpoints) under the old key.
 */
public final class LegacyDataIdentity {
    private LegacyDataIdentity() {}

    /** The identity of the dataset in {@code folder} whose manifest is {@code m}. */
    public static Map<String, Object> of(Path folder, Manifest m) {
        return identity(m, absoluteOptions(folder, m));
    }

    /** {@link #of}, then the identity with the options exactly as the manifest holds them (the oldest manifests). */
    public static List<Map<String, Object>> candidates(Path folder, Manifest m) {
        return List.of(of(folder, m), identity(m, new TreeMap<>(m.options() == null ? Map.of() : m.options())));
    }

    private static Map<String, Object> identity(Manifest m, Map<String, String> options) {
        return Map.of("source_dataset", m.sourceDataset(), "method", m.method(), "options", options, "ipc", m.ipc(),
                "seed", m.seed());
    }

    /**
     * The options as they were given then: input paths absolute. A manifest already made path-free
     * has them relative to its folder.
     */
    static Map<String, String> absoluteOptions(Path folder, Manifest m) {
        Map<String, String> options = new TreeMap<>(m.options() == null ? Map.of() : m.options());
        options.replaceAll((k, v) -> !ManifestPaths.OPTIONS.contains(k) ? v
                : String.join(",", Stream.of(v.split(",")).map(part -> Path.of(part).isAbsolute() ? part
                        : folder.resolve(part).toAbsolutePath().normalize().toString()).toList()));
        return options;
    }
}
