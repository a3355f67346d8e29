package org.condense.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.condense.compress.Manifest;
import org.condense.evaluate.ResultRecord;
import org.condense.report.ReportViews.ComputeRow;

/**
 * What the whole benchmark cost, stage by stage: the teachers' training and the scoring runs (from
 * their cards, once each), every compressed dataset (its {@code cost.json}) and every evaluation
 * (its record's wall time). Their sum is the wall time of the benchmark's one command on one
 * single-thread process, as measured piece by piece: a grid that is resumed across many sessions
 * is never timed end to end, but each of its stages is.
 */
final class GridCompute {
    private GridCompute() {}

    /** One row per stage, then the total; empty without records. */
    static List<ComputeRow> rows(List<ResultRecord> records, Map<String, Path> datasets, Map<String, Manifest> manifests,
            InputCards cards) {
        if (records.isEmpty()) {
            return List.of();
        }
        Set<String> teachers = new LinkedHashSet<>();
        Set<String> scorings = new LinkedHashSet<>();
        for (Manifest m : manifests.values()) {
            Map<String, Object> p = m.parameters() == null ? Map.of() : m.parameters();
            addSha(scorings, p.get("scores_sha256"));
            addSha(teachers, p.get("teacher_sha256"));
            if (p.get("teachers") instanceof List<?> list) {
                list.forEach(t -> addSha(teachers, t instanceof Map<?, ?> one ? one.get("teacher_sha256") : null));
            }
        }
        for (ResultRecord r : records) { // the online teachers of soft-label runs, named "sha256:…" (comma-joined)
            if (r.teacher() != null) {
                for (String t : r.teacher().split(",")) {
                    addSha(teachers, t.startsWith("sha256:") ? t.substring("sha256:".length()) : null);
                }
            }
        }
        List<ComputeRow> rows = new ArrayList<>();
        Sum total = new Sum();
        rows.add(inputs("teachers' training", teachers, cards, total));
        rows.add(inputs("scoring runs", scorings, cards, total));
        Sum compress = new Sum();
        for (Path folder : datasets.values()) {
            compress.add(CompressionCost.seconds(folder));
        }
        compress.expected = new LinkedHashSet<>(records.stream().map(ResultRecord::data).toList()).size();
        rows.add(compress.row("compressed datasets (selection or synthesis)"));
        total.merge(compress);
        Sum train = new Sum();
        records.forEach(r -> train.add(r.wallSeconds() > 0 ? r.wallSeconds() : null));
        train.expected = records.size();
        rows.add(train.row("evaluations (student training and test)"));
        total.merge(train);
        rows.add(new ComputeRow("total, one process", "", CompressionCost.duration(total.seconds)));
        return rows;
    }

    private static ComputeRow inputs(String stage, Collection<String> shas, InputCards cards, Sum total) {
        Sum s = new Sum();
        for (String sha : shas) {
            s.add(CompressionCost.cardWallSeconds(cards.find(sha)));
        }
        s.expected = shas.size();
        total.merge(s);
        return s.row(stage);
    }

    private static void addSha(Set<String> into, Object sha) {
        if (sha instanceof String s && !s.isBlank()) {
            into.add(s);
        }
    }

    /** Seconds summed over the items that were timed, and how many there were. */
    private static final class Sum {
        double seconds;
        int timed;
        int expected;

        void add(Double s) {
            if (s != null) {
                seconds += s;
                timed++;
            }
        }

        void merge(Sum other) {
            seconds += other.seconds;
        }

        ComputeRow row(String stage) {
            String count = timed == expected ? String.valueOf(expected) : timed + " of " + expected + " timed";
            return new ComputeRow(stage, count, timed == 0 ? "–" : CompressionCost.duration(seconds));
        }
    }
}
