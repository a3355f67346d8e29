package org.condense.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.condense.compress.CompressedDataset;
import org.condense.compress.CompressedDatasetWriter;
import org.condense.compress.Manifest;
import org.condense.compress.ManifestPaths;
import org.condense.compress.PinnedInput;
import org.condense.report.ReportViews.CostRow;

/**
 * What each compressed dataset cost to make (the paper's Table 25): the method's own seconds from
 * the dataset's {@code cost.json}, mean over the seeds' datasets, and beside it the one-off input
 * the method needs — the scoring run that ranked the images, or the teacher that distilled them —
 * from that input's card, since it is paid once per source dataset and shared by every IPC and seed.
 */
final class CompressionCost {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CompressionCost() {}

    /** One row per source dataset × variant × IPC of the compressed dataset folders, in that order. */
    static List<CostRow> rows(Collection<Path> folders) {
        return rows(folders, InputCards.NONE);
    }

    /** As {@link #rows(Collection)}, finding an input's card by content in {@code cards} where its path is gone. */
    static List<CostRow> rows(Collection<Path> folders, InputCards cards) {
        // one folder per dataset: two benchmarks may each hold a copy of the same one (equal manifest keys);
        // the timed copy counts
        Map<Map<String, Object>, Path> byKey = new HashMap<>();
        Map<Path, Manifest> manifests = new HashMap<>();
        Map<Path, Double> seconds = new HashMap<>(); // read once per folder; null values are kept
        for (Path f : folders) {
            Manifest m = CompressedDataset.readManifest(f.resolve("manifest.json"));
            manifests.put(f, m);
            seconds.put(f, seconds(f));
            byKey.merge(m.key(), f, (a, b) -> seconds.get(a) == null && seconds.get(b) != null ? b : a);
        }
        Map<String, List<Path>> groups = new TreeMap<>();
        for (Path f : byKey.values()) {
            Manifest m = manifests.get(f);
            groups.computeIfAbsent(String.format("%s|%s|%05d", m.sourceDataset(), m.variant(), m.ipc()),
                    k -> new ArrayList<>()).add(f);
        }
        if (seconds.values().stream().allMatch(Objects::isNull)) {
            return List.of(); // datasets from before costs were recorded: no table of blanks
        }
        List<CostRow> rows = new ArrayList<>();
        for (List<Path> g : groups.values()) {
            Manifest first = manifests.get(g.get(0));
            double[] timed = g.stream().map(seconds::get).filter(Objects::nonNull)
                    .mapToDouble(Double::doubleValue).toArray();
            String own = timed.length == 0 ? "not recorded"
                    : duration(Arrays.stream(timed).average().orElse(0))
                            + (timed.length == g.size() ? "" : " (n=" + timed.length + ")");
            rows.add(new CostRow(first.sourceDataset(), first.variant(), String.valueOf(first.ipc()),
                    String.valueOf(g.size()), own, sharedInput(g.get(0), first, cards)));
        }
        return rows;
    }

    /** The dataset's recorded seconds, or null for one written before they were recorded. */
    static Double seconds(Path folder) {
        Path cost = folder.resolve(CompressedDatasetWriter.COST_FILE);
        try {
            JsonNode n = JSON.readTree(cost.toFile());
            return n.path("compress_seconds").isNumber() ? n.path("compress_seconds").asDouble() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The scoring run or teacher(s) the dataset was made with, and their wall time from their cards;
     * and a statistics pass over the training set that a method computes once per teacher and
     * stores beside it (LPLD's class-aware BN statistics, G-VBSM's convolution statistics), whose
     * time is inside the time of the first dataset made with that teacher.
     */
    static String sharedInput(Path folder, Manifest m, InputCards cards) {
        Map<String, Object> p = m.parameters() == null ? Map.of() : m.parameters();
        String shared = "none";
        if (p.get(PinnedInput.SCORES_FILE) instanceof String file) {
            shared = "scoring run " + cardSeconds(card(ManifestPaths.resolve(folder, file).resolveSibling("card.json"),
                    cards.find(p.get("scores_sha256"))));
        } else if (p.get("teachers") instanceof List<?> list && !list.isEmpty()) {
            List<String> each = new ArrayList<>();
            for (Object t : list) {
                if (t instanceof Map<?, ?> one && one.get("teacher_dir") instanceof String dir) {
                    each.add(cardSeconds(card(ManifestPaths.resolve(folder, dir).resolve("card.json"),
                            cards.find(one.get("teacher_sha256")))));
                }
            }
            shared = list.size() + " teachers' training " + String.join(" + ", each);
        } else if (p.get("teacher_dir") instanceof String dir) {
            shared = "teacher training " + cardSeconds(card(ManifestPaths.resolve(folder, dir).resolve("card.json"),
                    cards.find(p.get("teacher_sha256"))));
        }
        if (p.containsKey("class_bn_statistics_file")) {
            shared += "; class-aware BN statistics, one pass over the training set per teacher (counted in the first "
                    + "dataset's time, then reused)";
        }
        if (p.containsKey("conv_statistics")) {
            shared += "; training-set statistics, one pass per teacher (counted in the first dataset's time, then "
                    + "reused)";
        }
        return shared;
    }

    /** The card where the manifest's path points, else the one found by the input's content. */
    private static Path card(Path atPath, Path byContent) {
        return Files.isRegularFile(atPath) || byContent == null ? atPath : byContent;
    }

    private static String cardSeconds(Path card) {
        if (!Files.isRegularFile(card)) {
            return "(card not found: " + card + ")";
        }
        Double seconds = cardWallSeconds(card);
        return seconds == null ? "(time not on its card)" : duration(seconds);
    }

    /** The wall time a teacher's or scoring run's card records, or null (no card, unreadable, no time). */
    static Double cardWallSeconds(Path card) {
        if (card == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(card.toFile());
            return n.path("wall_seconds").isNumber() ? n.path("wall_seconds").asDouble() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code 0.4 s}, {@code 12 s}, {@code 3 min 05 s}, {@code 2 h 04 min}. */
    static String duration(double seconds) {
        if (seconds < 10) {
            return String.format("%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format("%d min %02d s", s / 60, s % 60);
        }
        long minutes = Math.round(seconds / 60);
        return String.format("%d h %02d min", minutes / 60, minutes % 60);
    }
}
