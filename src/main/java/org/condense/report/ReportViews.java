package org.condense.report;

import java.util.List;

/** What the report templates render: plain records, so the templates hold no logic. */
public final class ReportViews {
    private ReportViews() {}

    public record Report(String title, String command, List<String> sources, int records, List<TableView> tables,
            List<DatasetView> datasets, boolean hasDatasets, List<StorageRow> storage, boolean hasStorage,
            List<CostRow> costs, boolean hasCosts, List<AnalysisView> analyses, List<ClaimView> claims,
            boolean hasClaims, String claimRules, List<LabelStorageView> labelStorage, boolean hasLabelStorage,
            List<ComputeRow> compute, boolean hasCompute) {}

    /** One stage of the benchmark's compute: how many items (and how many were timed) and their summed time. */
    public record ComputeRow(String stage, String items, String time) {}

    /** Accuracy against total bytes of one dataset and IPC; {@code claim} is computed from the records, or "". */
    public record LabelStorageView(String title, Image chart, String claim, boolean hasClaim) {}

    /** @param notes footnotes of marked cells, e.g. "¹ gvbsm ran with 1000 iterations (official 4000)" */
    public record TableView(String title, List<String> header, String mdRule, List<RowView> rows, List<Image> charts,
            List<String> notes) {}

    /** A claim of the paper and its verdict at this scale, with each check (✓ holds, ✗ does not) and its numbers. */
    public record ClaimView(String table, String title, String verdict, List<String> checks) {}

    public record RowView(String name, List<CellView> cells) {}

    /** @param mark ▲ or ▼ with the signed difference to Random, or "" */
    public record CellView(String value, String mark, String css) {
        public String markdown() {
            return mark.isEmpty() ? value : value + " " + mark;
        }
    }

    /** An image: its file (for Markdown) and the same bytes as a data URI (for the self-contained HTML). */
    public record Image(String caption, String file, String dataUri) {}

    public record DatasetView(String title, String note, Image grid, Image histogram, Image counts) {}

    /** Bytes and fractions of the full training set's raw pixels; label bytes of online-teacher runs are estimates. */
    public record StorageRow(String method, String ipc, String labels, String images, String imagesBytes,
            String imagesFraction, String labelBytes, String labelsFraction, String total, String fraction,
            String labelCompression, String totalCompression) {}

    /** @param seconds the method's own time per dataset; @param shared the one-off input it needs and what that took */
    public record CostRow(String dataset, String method, String ipc, String datasets, String seconds, String shared) {}

    public record AnalysisView(String title, String command, String notes, List<String> header, String mdRule,
            List<List<String>> rows) {}
}
