package org.condense.compress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code manifest.json} of a compressed dataset: where the images came from and how they were
 * made. Images live beside it as {@code images/<5-digit class>/<id>.png}, readable by any
 * ImageFolder loader.
 *
 * @param options the method options the user gave (part of the dataset's identity)
 * @param parameters the method's fully resolved parameters (informational)
 * @param factor combine factor f: each stored image is an f×f grid of source images (1 = plain)
 * @param mean per-channel mean of the source training set, in [0, 1] (the protocol's normalisation)
 * @param std per-channel standard deviation of the source training set
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
        String format,
        String sourceDataset,
        int sourceSize,
        List<String> classes,
        String method,
        Map<String, String> options,
        Map<String, Object> parameters,
        int ipc,
        long seed,
        int resolution,
        int channels,
        int factor,
        float[] mean,
        float[] std,
        List<Entry> images,
        Storage bytes,
        String codeVersion) {

    public static final String FORMAT = "condense-compressed-dataset/1";

    /** One stored image: its file, class, and the source sample indices it was made from (row-major tiles). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Entry(String file, int label, int[] sources) {}

    /** Bytes on disk: images, and soft labels if any are stored beside them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Storage(long images, long labels) {}

    /**
     * The method with the options that change what it selects, e.g. {@code el2n[balanced=false,hard=true]}:
     * what a results table groups seeds by. File paths (the scores file) are left out; the seed is too.
     */
    public String variant() {
        StringBuilder sb = new StringBuilder(method);
        String opts = new TreeMap<>(options == null ? Map.<String, String>of() : options).entrySet().stream()
                .filter(e -> !VARIANT_IGNORED.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        return opts.isEmpty() ? sb.toString() : sb.append('[').append(opts).append(']').toString();
    }

    /** Options that name inputs rather than choices (a method's scores and teacher, an imported folder's hash). */
    private static final Set<String> VARIANT_IGNORED = Set.of(MethodNeeds.SCORES, MethodNeeds.TEACHER, "folder_sha256");

    /**
     * The dataset's identity, from what determines it: two manifests with equal keys made the same
     * dataset. Inputs (the scores file, teachers) count by their SHA-256, never by their path, so
     * a moved work folder keeps its keys and a teacher retrained in place gets new ones. An input
     * without a recorded hash (manifests from before they were pinned) counts by its path.
     */
    public Map<String, Object> key() {
        Map<String, Object> key = new TreeMap<>(choices());
        Map<String, Object> inputs = inputs();
        if (!inputs.isEmpty()) {
            key.put("inputs", inputs);
        }
        return key;
    }

    /** The identity without the inputs: what the user chose (source, method, options, IPC, seed). */
    public Map<String, Object> choices() {
        Map<String, String> chosen = new TreeMap<>(options == null ? Map.<String, String>of() : options);
        chosen.keySet().removeAll(ManifestPaths.OPTIONS);
        return Map.of("source_dataset", sourceDataset, "method", method, "options", chosen, "ipc", ipc, "seed", seed);
    }

    /** Each input option's content hash ({@code sha256:…}, several comma-joined), or its path if none is recorded. */
    Map<String, Object> inputs() {
        Map<String, Object> inputs = new TreeMap<>();
        Map<String, Object> p = parameters == null ? Map.of() : parameters;
        String scores = options == null ? null : options.get(MethodNeeds.SCORES);
        if (scores != null) {
            inputs.put(MethodNeeds.SCORES, p.get("scores_sha256") instanceof String sha ? "sha256:" + sha : "path:" + scores);
        }
        String teacher = options == null ? null : options.get(MethodNeeds.TEACHER);
        if (teacher != null) {
            List<String> shas = teacherShas(p);
            inputs.put(MethodNeeds.TEACHER, shas.isEmpty() ? "path:" + teacher
                    : shas.stream().map(s -> "sha256:" + s).collect(Collectors.joining(",")));
        }
        return inputs;
    }

    /** {@code teacher_sha256}, or {@code teacher_sha256_1}, {@code _2}, … in order for several teachers. */
    private static List<String> teacherShas(Map<String, Object> p) {
        if (p.get("teacher_sha256") instanceof String one) {
            return List.of(one);
        }
        List<String> out = new java.util.ArrayList<>();
        for (int i = 1; p.get("teacher_sha256_" + i) instanceof String sha; i++) {
            out.add(sha);
        }
        return out;
    }
}
