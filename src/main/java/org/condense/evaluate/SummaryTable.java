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
}
