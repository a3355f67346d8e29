package org.condense.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups result records by (source, method variant, IPC, protocol, network) and renders mean ±
 * std over seeds, with the difference to the Random baseline of the same setting. The std is the
 * population standard deviation ({@code numpy.std}'s default), as the dataset-compression
 * literature reports it.
 */
public final class SummaryTable {
    private SummaryTable() {}

    /** One row: a configuration and its top-1 values over seeds. */
    public record Row(String source, String method, int ipc, String protocol, String network, List<Double> top1,
            List<Double> top5, double meanSeconds) {
        public double mean() {
            return Stats.mean(top1);
        }

        public double std() {
            return Stats.std(top1);
        }
    }

    public static List<Row> rows(List<ResultRecord> records) {
        Map<String, List<ResultRecord>> groups = new LinkedHashMap<>();
        for (ResultRecord r : records) {
            String key = String.join("|", r.sourceDataset(), variantOf(r), String.valueOf(r.ipc()),
                    ProtocolLabel.of(r.protocol(), r.protocolConfig()), r.network().name());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<Row> rows = new ArrayList<>();
        for (List<ResultRecord> g : groups.values()) {
            ResultRecord first = g.get(0);
            List<Double> top1 = g.stream().map(ResultRecord::top1).toList();
            List<Double> top5 = g.stream().map(ResultRecord::top5).toList();
            double seconds = g.stream().mapToDouble(ResultRecord::wallSeconds).average().orElse(0);
            rows.add(new Row(first.sourceDataset(), variantOf(first), first.ipc(),
                    ProtocolLabel.of(first.protocol(), first.protocolConfig()), first.network().name(),
                    top1, top5, seconds));
        }
        return rows;
    }

    /** Records written before variants were recorded fall back to the bare method name. */
    private static String variantOf(ResultRecord r) {
        return r.variant() == null ? r.method() : r.variant();
    }

    /** The Random row of the same source, IPC, protocol and network, if there is one. */
    static Row randomBaseline(List<Row> rows, Row row) {
        for (Row r : rows) {
            if (r.method().equals(RANDOM) && r.source().equals(row.source()) && r.ipc() == row.ipc()
                    && r.protocol().equals(row.protocol()) && r.network().equals(row.network())) {
                return r;
            }
        }
        return null;
    }

    private static final String RANDOM = "random";

    /**
     * A Markdown table, readable in a terminal too, sorted by source, protocol, network, IPC and
     * method (Random first). "Δ random" is the difference of means to Random's row of the same setting.
     */
    public static String render(List<ResultRecord> records) {
        List<Row> rows = new ArrayList<>(rows(records));
        rows.sort(Comparator.comparing(Row::source).thenComparing(Row::protocol).thenComparing(Row::network)
                .thenComparingInt(Row::ipc).thenComparing(r -> !r.method().equals(RANDOM)).thenComparing(Row::method));
        StringBuilder sb = new StringBuilder();
        sb.append("| dataset | method | IPC | protocol | model | seeds | top-1 % (mean ± std) | Δ random | top-5 % | s/run |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            Row random = randomBaseline(rows, row);
            String delta = random == null || random == row ? "" : String.format("%+.2f", row.mean() - random.mean());
            sb.append(String.format("| %s | %s | %s | %s | %s | %d | %.2f ± %.2f | %s | %.2f | %.0f |%n", row.source(),
                    row.method(), row.ipc() == 0 ? "full" : String.valueOf(row.ipc()), row.protocol(), row.network(),
                    row.top1().size(), row.mean(), row.std(), delta, Stats.mean(row.top5()), row.meanSeconds()));
        }
        return sb.toString();
    }

    /**
     * The same rows as {@link #render} laid out as the papers do: one line per method variant,
     * one column per IPC and protocol, a table per dataset and network. A cell is
     * {@code mean ± std (Δ random)}; one with fewer seeds than the table's most says how many.
     * Variants named in {@code order} come first, in that order (Random leads unless placed),
     * then the rest by name.
     */
    public static String renderWide(List<ResultRecord> records, List<String> order) {
        List<Row> rows = rows(records);
        Map<String, List<Row>> tables = new java.util.TreeMap<>();
        for (Row row : rows) {
            tables.computeIfAbsent(row.source() + " · " + row.network(), k -> new ArrayList<>()).add(row);
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Row>> table : tables.entrySet()) {
            if (tables.size() > 1) {
                sb.append(sb.length() == 0 ? "" : "\n").append("**").append(table.getKey()).append("**\n\n");
            }
            wideTable(table.getValue(), order, sb);
        }
        return sb.toString();
    }

    private static void wideTable(List<Row> rows, List<String> order, StringBuilder sb) {
        Map<String, java.util.Set<String>> shared = sharedOverrides(rows);
        List<Row> sorted = rows.stream().sorted(Comparator.comparingInt(Row::ipc).thenComparing(Row::protocol)).toList();
        List<String> columns = sorted.stream().map(r -> column(r, shared)).distinct().toList();
        List<String> lines = rows.stream().map(r -> line(r, shared)).distinct()
                .sorted(Comparator.comparingInt((String l) -> rank(l, order)).thenComparing(l -> l)).toList();
        int most = rows.stream().mapToInt(r -> r.top1().size()).max().orElse(0);
        sb.append("| method | ").append(String.join(" | ", columns)).append(" |\n");
        sb.append("|---|").append("---|".repeat(columns.size())).append("\n");
        for (String line : lines) {
            sb.append("| ").append(line);
            for (String column : columns) {
                Row row = rows.stream().filter(r -> line(r, shared).equals(line) && column(r, shared).equals(column))
                        .findFirst().orElse(null);
                Row random = row == null ? null : rows.stream().filter(r -> r.method().equals(RANDOM)
                        && column(r, shared).equals(column)).findFirst().orElse(null);
                sb.append(" | ").append(row == null ? "–" : cell(row, random, most));
            }
            sb.append(" |\n");
        }
    }

    /**
     * Per protocol preset, the overrides every run under it has (e.g. {@code epochs=300}): they
     * name the column. A run's other overrides (PCA's patch extraction) name its line instead,
     * so that it sits, and is compared with Random, under its protocol's column.
     */
    private static Map<String, java.util.Set<String>> sharedOverrides(List<Row> rows) {
        Map<String, java.util.Set<String>> shared = new java.util.HashMap<>();
        for (Row r : rows) {
            java.util.Set<String> own = new java.util.TreeSet<>(overrides(r.protocol()));
            shared.merge(preset(r.protocol()), own, (a, b) -> {
                a.retainAll(b);
                return a;
            });
        }
        return shared;
    }

    private static String column(Row row, Map<String, java.util.Set<String>> shared) {
        String preset = preset(row.protocol());
        java.util.Set<String> common = shared.get(preset);
        return "IPC " + (row.ipc() == 0 ? "full" : String.valueOf(row.ipc())) + " " + preset
                + (common.isEmpty() ? "" : "{" + String.join(", ", common) + "}");
    }

    private static String line(Row row, Map<String, java.util.Set<String>> shared) {
        List<String> own = new ArrayList<>(overrides(row.protocol()));
        own.removeAll(shared.get(preset(row.protocol())));
        return own.isEmpty() ? row.method() : row.method() + " {" + String.join(", ", own) + "}";
    }

    /** {@code standard-hard} of {@code standard-hard{epochs=300, lr=0.01}} (see {@link ProtocolLabel}). */
    private static String preset(String label) {
        int brace = label.indexOf('{');
        return brace < 0 ? label : label.substring(0, brace);
    }

    private static List<String> overrides(String label) {
        int brace = label.indexOf('{');
        if (brace < 0 || !label.endsWith("}")) {
            return List.of();
        }
        return List.of(label.substring(brace + 1, label.length() - 1).split(", "));
    }

    private static String cell(Row row, Row random, int most) {
        String text = String.format("%.2f ± %.2f", row.mean(), row.std());
        if (random != null && random != row) {
            double d = row.mean() - random.mean();
            text += String.format(" (%s%.2f)", d < 0 ? "−" : "+", Math.abs(d));
        }
        int n = row.top1().size();
        return n < most ? text + " · " + n + (n == 1 ? " seed" : " seeds") : text;
    }

    /** Position of a line's variant in {@code order}; Random first when not placed; others after every placed one. */
    private static int rank(String line, List<String> order) {
        String variant = line.contains(" {") ? line.substring(0, line.indexOf(" {")) : line;
        int i = order.indexOf(variant);
        if (i >= 0) {
            return i;
        }
        return variant.equals(RANDOM) ? -1 : order.size();
    }
}
