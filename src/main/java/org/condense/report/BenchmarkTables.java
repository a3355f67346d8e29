package org.condense.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.condense.evaluate.ProtocolLabel;
import org.condense.evaluate.ResultRecord;
import org.condense.evaluate.Stats;

/**
 * The paper's benchmark tables: one table per source dataset, network and protocol family (the
 * preset without its {@code -hard}/{@code -soft} suffix, so hard and soft labels sit side by side);
 * rows are method variants (with the fields a run overrode), columns are label mode × IPC, cells
 * mean ± std of top-1 over seeds and the difference to Random of the same column.
 *
 * <p>Everything is sorted, so the same records in any order give the same tables.
 */
public final class BenchmarkTables {
    private BenchmarkTables() {}

    /** A cell: top-1 over seeds, and the difference of means to the Random row (null for Random itself or without one). */
    public record Cell(List<Double> top1, Double delta) {
        public double mean() {
            return Stats.mean(top1);
        }

        public double std() {
            return Stats.std(top1);
        }
    }

    /** A column: label mode and IPC. */
    public record Column(String labels, int ipc) {
        public String title() {
            return labels + " IPC " + (ipc == 0 ? "full" : ipc);
        }
    }

    /** A row: the method variant and the protocol overrides of its runs ("" for none). */
    public record Row(String variant, String overrides) {
        public String title() {
            return overrides.isEmpty() ? variant : variant + " " + overrides;
        }

        boolean isRandom() {
            return variant.equals("random");
        }
    }

    /** @param common the overrides every run of the table shares (shown once, in the title) */
    public record Table(String source, String network, String family, String common, List<Column> columns, List<Row> rows,
            Map<Row, Map<Column, Cell>> cells) {
        public String title() {
            return source + " · " + network + " · " + family + (common.isEmpty() ? "" : " " + common);
        }

        public Cell cell(Row row, Column column) {
            return cells.getOrDefault(row, Map.of()).get(column);
        }
    }

    public static List<Table> build(List<ResultRecord> records) {
        Map<String, List<ResultRecord>> byTable = new TreeMap<>();
        for (ResultRecord r : records) {
            byTable.computeIfAbsent(String.join("\u0000", r.sourceDataset(), r.network().name(), family(r.protocol())),
                    k -> new ArrayList<>()).add(r);
        }
        List<Table> tables = new ArrayList<>();
        for (List<ResultRecord> group : byTable.values()) {
            ResultRecord first = group.get(0);
            Map<String, String> common = null;
            for (ResultRecord r : group) {
                Map<String, String> o = parse(overrides(r));
                if (common == null) {
                    common = new TreeMap<>(o);
                } else {
                    common.entrySet().retainAll(o.entrySet());
                }
            }
            Map<Row, Map<Column, List<Double>>> values = new TreeMap<>(ROW_ORDER);
            TreeSet<Column> columns = new TreeSet<>(Comparator.comparing(Column::labels).thenComparingInt(Column::ipc));
            for (ResultRecord r : group) {
                Map<String, String> own = parse(overrides(r));
                own.keySet().removeAll(common.keySet());
                Row row = new Row(variantOf(r), format(own));
                Column col = new Column(labels(r), r.ipc());
                columns.add(col);
                values.computeIfAbsent(row, k -> new TreeMap<>(Comparator.comparing(Column::labels).thenComparingInt(Column::ipc)))
                        .computeIfAbsent(col, k -> new ArrayList<>()).add(r.top1());
            }
            Map<Row, Map<Column, Cell>> cells = new LinkedHashMap<>();
            for (Map.Entry<Row, Map<Column, List<Double>>> e : values.entrySet()) {
                Map<Column, Cell> rowCells = new LinkedHashMap<>();
                for (Map.Entry<Column, List<Double>> c : e.getValue().entrySet()) {
                    List<Double> top1 = c.getValue().stream().sorted().toList();
                    List<Double> random = e.getKey().isRandom() ? null : randomValues(values, e.getKey(), c.getKey());
                    rowCells.put(c.getKey(), new Cell(top1, random == null ? null : Stats.mean(top1) - Stats.mean(random)));
                }
                cells.put(e.getKey(), rowCells);
            }
            tables.add(new Table(first.sourceDataset(), first.network().name(), family(first.protocol()), format(common),
                    List.copyOf(columns), List.copyOf(values.keySet()), cells));
        }
        return tables;
    }

    /** {@code {a=1, b=[0.5,1.0]}} → its entries (values hold no ", ": arrays print without spaces). */
    static Map<String, String> parse(String overrides) {
        Map<String, String> out = new TreeMap<>();
        if (overrides.length() > 2) {
            for (String kv : overrides.substring(1, overrides.length() - 1).split(", ")) {
                int eq = kv.indexOf('=');
                out.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return out;
    }

    static String format(Map<String, String> overrides) {
        return overrides.isEmpty() ? "" : overrides.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
    }

    /** Random with the same overrides (a batch-size study compares like with like), else plain Random. */
    private static List<Double> randomValues(Map<Row, Map<Column, List<Double>>> values, Row row, Column col) {
        Map<Column, List<Double>> same = values.get(new Row("random", row.overrides()));
        if (same != null && same.containsKey(col)) {
            return same.get(col);
        }
        Map<Column, List<Double>> plain = values.get(new Row("random", ""));
        return plain == null ? null : plain.get(col);
    }

    /** Random first, then by variant and overrides. */
    private static final Comparator<Row> ROW_ORDER = Comparator.comparing((Row r) -> !r.isRandom())
            .thenComparing(Row::variant).thenComparing(Row::overrides);

    static String family(String protocol) {
        return protocol.replaceFirst("-(hard|soft)$", "");
    }

    static String labels(ResultRecord r) {
        ObjectNode config = r.protocolConfig();
        return config == null ? "hard" : config.path("labels").asText("hard");
    }

    /** The fields a run overrode, without the label mode (that is the column) — e.g. {@code {augment.patch=none}}. */
    static String overrides(ResultRecord r) {
        String label = ProtocolLabel.of(r.protocol(), r.protocolConfig());
        return label.startsWith(r.protocol()) ? label.substring(r.protocol().length()) : "";
    }

    private static String variantOf(ResultRecord r) {
        return r.variant() == null ? r.method() : r.variant();
    }
}
