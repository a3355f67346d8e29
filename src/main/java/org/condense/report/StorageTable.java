package org.condense.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.condense.compress.CompressedDataset;
import org.condense.compress.Manifest;
import org.condense.evaluate.ResultRecord;
import org.condense.report.ReportViews.StorageRow;

/**
 * The report's storage table: per method variant, IPC and label mode (means over seeds), the
 * measured bytes of the images and of the stored soft labels, each also as a fraction of the
 * full training set's raw pixels, and as compression rates: the full set's raw pixels over the
 * total, and stored labels' unpruned bytes over the pruned ones. Runs with an online teacher stored no labels: for them the
 * label bytes are {@link StorageCost}'s estimate, marked as such.
 */
final class StorageTable {
    private StorageTable() {}

    static List<StorageRow> rows(List<ResultRecord> records, Map<String, Path> datasets) {
        Map<String, Long> fullBytes = new TreeMap<>();
        for (Path p : datasets.values()) {
            Manifest m = CompressedDataset.readManifest(p.resolve("manifest.json"));
            fullBytes.putIfAbsent(m.sourceDataset(), (long) m.sourceSize() * m.channels() * m.resolution() * m.resolution());
        }
        Map<String, List<ResultRecord>> groups = new TreeMap<>();
        for (ResultRecord r : records) {
            if (r.ipc() > 0) {
                groups.computeIfAbsent(String.format("%s|%s|%05d|%s", r.sourceDataset(), variant(r), r.ipc(),
                        labelMode(r)), k -> new ArrayList<>()).add(r);
            }
        }
        // each variant's unpruned stored labels: what a pruned run's label compression is measured against
        Map<String, Double> unpruned = new TreeMap<>();
        groups.forEach((key, g) -> {
            ResultRecord r = g.get(0);
            if (stored(r) && r.protocolConfig().path("label_prune").asDouble(0) == 0) {
                unpruned.put(r.sourceDataset() + "|" + variant(r) + "|" + r.ipc(),
                        g.stream().mapToLong(ResultRecord::bytesLabels).average().orElse(0));
            }
        });
        List<StorageRow> rows = new ArrayList<>();
        for (List<ResultRecord> g : groups.values()) {
            ResultRecord r = g.get(0);
            double images = g.stream().mapToLong(ResultRecord::bytesImages).average().orElse(0);
            double measured = g.stream().mapToLong(ResultRecord::bytesLabels).average().orElse(0);
            boolean estimate = BenchmarkTables.labels(r).equals("soft") && !stored(r) && measured == 0;
            double labels = estimate ? estimate(r) : measured;
            Long full = fullBytes.get(r.sourceDataset());
            String mark = estimate ? "≈ " : "";
            String approx = estimate && full != null ? mark : "";
            rows.add(new StorageRow(variant(r), String.valueOf(r.ipc()), labelMode(r), String.valueOf(r.trainImages()),
                    ReportBuilder.human(images), fraction(images, full),
                    mark + ReportBuilder.human(labels) + (estimate ? " (estimate)" : ""),
                    labels == 0 && !estimate ? "0 %" : approx + fraction(labels, full),
                    mark + ReportBuilder.human(images + labels), approx + fraction(images + labels, full),
                    labelCompression(stored(r), labels, unpruned.get(r.sourceDataset() + "|" + variant(r) + "|" + r.ipc())),
                    full == null || images + labels == 0 ? "–" : approx + times(full / (images + labels))));
        }
        return rows;
    }

    /**
     * {@code soft}, {@code soft, stored}, {@code soft, stored, label prune 0.9} (with {@code by epoch}
     * under that selection rule) or {@code hard}.
     */
    static String labelMode(ResultRecord r) {
        String mode = BenchmarkTables.labels(r);
        if (stored(r)) {
            double prune = r.protocolConfig().path("label_prune").asDouble(0);
            String select = r.protocolConfig().path("label_select").asText("");
            mode += ", stored" + (prune > 0 ? ", label prune " + prune : "") + (select.isEmpty() ? "" : " by " + select);
        }
        return mode;
    }

    private static boolean stored(ResultRecord r) {
        return r.protocolConfig() != null && "stored".equals(r.protocolConfig().path("label_source").asText());
    }

    private static long estimate(ResultRecord r) {
        return StorageCost.softLabelBytes(r.protocolConfig().path("epochs").asLong(), r.trainImages(),
                r.perClass().length, r.protocolConfig().path("batch_size").asInt(128),
                r.protocolConfig().path("augment").path("cutmix").path("prob").asDouble() > 0);
    }

    /** A stored-label row's label bytes against the same rows' unpruned labels: 1×, 10×, 30×, … */
    private static String labelCompression(boolean stored, double labels, Double unpruned) {
        return !stored || unpruned == null || labels == 0 ? "–" : times(unpruned / labels);
    }

    private static String times(double x) {
        return x >= 10 ? String.format("%.0f×", x) : String.format("%.1f×", x);
    }

    private static String fraction(double bytes, Long full) {
        return full == null ? "–" : String.format("%.3f %%", 100 * bytes / full);
    }

    private static String variant(ResultRecord r) {
        return r.variant() == null ? r.method() : r.variant();
    }
}
