package org.condense.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.condense.evaluate.ResultRecord;

/**
 * Accuracy against storage for stored soft labels: per source dataset and IPC, each method's
 * stored-label runs at every label pruning ratio as (mean total bytes, mean top-1), and hard-label
 * PCA as one point; and whether, at matched storage, hard-label PCA is competitive with them.
 */
final class LabelStorage {
    /** Soft-label points within this factor of PCA's total bytes count as matched storage. */
    static final double MATCH_FACTOR = 2;
    /** PCA is competitive when its mean is within this many points of the matched soft-label mean (or seed noise, if larger). */
    static final double COMPETITIVE_POINTS = 1;

    private LabelStorage() {}

    /** One cell: the runs of one method and label mode, their mean total bytes and top-1. */
    record Point(String method, double prune, double bytes, double top1, double std, int seeds) {}

    /** One (dataset, IPC): a line of points per stored-label method, and PCA's hard-label point or null. */
    record Panel(String dataset, int ipc, Map<String, List<Point>> soft, Point pca) {
        String title() {
            return dataset + " · IPC " + ipc;
        }
    }

    static List<Panel> panels(List<ResultRecord> records) {
        Map<String, List<ResultRecord>> byPanel = new TreeMap<>();
        for (ResultRecord r : records) {
            if (r.ipc() > 0) {
                byPanel.computeIfAbsent(r.sourceDataset() + "|" + String.format("%06d", r.ipc()), k -> new ArrayList<>())
                        .add(r);
            }
        }
        List<Panel> out = new ArrayList<>();
        for (List<ResultRecord> group : byPanel.values()) {
            Map<String, Map<Double, List<ResultRecord>>> soft = new TreeMap<>();
            List<ResultRecord> pca = new ArrayList<>();
            for (ResultRecord r : group) {
                if (stored(r)) {
                    // another selection rule is a line of its own
                    String select = r.protocolConfig().path("label_select").asText("");
                    soft.computeIfAbsent(variant(r) + (select.isEmpty() ? "" : " by " + select), v -> new TreeMap<>())
                            .computeIfAbsent(r.protocolConfig().path("label_prune").asDouble(0), p -> new ArrayList<>())
                            .add(r);
                } else if ("pca".equals(r.method()) && BenchmarkTables.labels(r).equals("hard")) {
                    pca.add(r);
                }
            }
            if (soft.isEmpty()) {
                continue;
            }
            Map<String, List<Point>> lines = new LinkedHashMap<>();
            soft.forEach((method, byPrune) -> {
                List<Point> points = new ArrayList<>();
                byPrune.forEach((prune, runs) -> points.add(point(method, prune, runs)));
                lines.put(method, points);
            });
            ResultRecord first = group.get(0);
            out.add(new Panel(first.sourceDataset(), first.ipc(), lines,
                    pca.isEmpty() ? null : point(variant(pca.get(0)), 0, pca)));
        }
        return out;
    }

    private static Point point(String method, double prune, List<ResultRecord> runs) {
        double bytes = runs.stream().mapToLong(r -> r.bytesImages() + r.bytesLabels()).average().orElse(0);
        double mean = runs.stream().mapToDouble(ResultRecord::top1).average().orElse(0);
        double var = runs.size() < 2 ? 0 : runs.stream().mapToDouble(r -> (r.top1() - mean) * (r.top1() - mean)).sum()
                / (runs.size() - 1);
        return new Point(method, prune, bytes, mean, Math.sqrt(var), runs.size());
    }

    /**
     * The claim "at matched storage, hard-label PCA is competitive with pruned soft labels",
     * decided from the panel's numbers: against each method, its point nearest PCA's total bytes
     * (by ratio) if within {@link #MATCH_FACTOR}×; PCA is competitive when its mean top-1 is at
     * most {@link #COMPETITIVE_POINTS} points (or the two cells' combined seed standard deviation,
     * if larger) below the best of those. Null without PCA or without a matched point.
     */
    static String claim(Panel p) {
        if (p.pca() == null) {
            return null;
        }
        Point best = null;
        for (List<Point> line : p.soft().values()) {
            Point near = null;
            for (Point q : line) {
                if (near == null || ratio(q.bytes(), p.pca().bytes()) < ratio(near.bytes(), p.pca().bytes())) {
                    near = q;
                }
            }
            if (near != null && ratio(near.bytes(), p.pca().bytes()) <= MATCH_FACTOR
                    && (best == null || near.top1() > best.top1())) {
                best = near;
            }
        }
        Point pca = p.pca();
        if (best == null) {
            return String.format("%s: no stored-label run is within %.0f× of hard-label PCA's %s, so the claim \"at "
                    + "matched storage, hard-label PCA is competitive with pruned soft labels\" cannot be judged here.",
                    p.title(), MATCH_FACTOR, ReportBuilder.human(pca.bytes()));
        }
        double margin = Math.max(COMPETITIVE_POINTS, Math.hypot(best.std(), pca.std()));
        double gap = best.top1() - pca.top1();
        boolean holds = gap <= margin;
        return String.format("%s: the claim \"at matched storage, hard-label PCA is competitive with pruned soft "
                + "labels\" %s. Hard-label PCA stores %s in total and reaches %.2f %% (n=%d); the best stored-label "
                + "run within %.0f× of that storage, %s at label prune %s (%s), reaches %.2f %% (n=%d): PCA is %.2f "
                + "points %s, against a margin of %.2f points (%.0f, or the seeds' combined standard deviation).",
                p.title(), holds ? "holds" : "does not hold", ReportBuilder.human(pca.bytes()), pca.top1(),
                pca.seeds(), MATCH_FACTOR, best.method(), prune(best.prune()), ReportBuilder.human(best.bytes()),
                best.top1(), best.seeds(), Math.abs(gap), gap > 0 ? "below" : "above", margin, COMPETITIVE_POINTS);
    }

    /** Top-1 against total bytes (log scale), a line per stored-label method and PCA's point. */
    static byte[] chart(Panel p) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        p.soft().forEach((method, points) -> series.put(method + " (stored soft labels)",
                points.stream().map(q -> new double[] {q.bytes(), q.top1()}).toList()));
        if (p.pca() != null) {
            series.put(p.pca().method() + " (hard labels)", List.of(new double[] {p.pca().bytes(), p.pca().top1()}));
        }
        return Charts.accuracyVsBytes(p.title() + " · top-1 against total bytes", series);
    }

    private static double ratio(double a, double b) {
        return Math.max(a, b) / Math.max(1, Math.min(a, b));
    }

    static String prune(double r) {
        return java.math.BigDecimal.valueOf(r).stripTrailingZeros().toPlainString();
    }

    private static boolean stored(ResultRecord r) {
        return r.protocolConfig() != null && "stored".equals(r.protocolConfig().path("label_source").asText());
    }

    private static String variant(ResultRecord r) {
        return r.variant() == null ? r.method() : r.variant();
    }
}
