package org.condense.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.condense.UserException;
import org.condense.compress.CompressedDataset;
import org.condense.compress.Manifest;
import org.condense.compress.PinnedInput;
import org.condense.evaluate.ResultRecord;
import org.condense.methods.CompressionMethods;
import org.condense.report.BenchmarkTables.Cell;
import org.condense.report.BenchmarkTables.Column;
import org.condense.report.BenchmarkTables.Row;
import org.condense.report.BenchmarkTables.Table;
import org.condense.report.ReportViews.AnalysisView;
import org.condense.report.ReportViews.CellView;
import org.condense.report.ReportViews.ClaimView;
import org.condense.report.ReportViews.DatasetView;
import org.condense.report.ReportViews.Image;
import org.condense.report.ReportViews.RowView;
import org.condense.report.ReportViews.StorageRow;
import org.condense.report.ReportViews.TableView;
import org.condense.score.Npy;

/**
 * Turns result records (and the compressed datasets and analyses they point to) into the report's
 * views, writing each chart and image grid as a PNG into {@code imageDir}.
 */
public final class ReportBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param datasetDirs folders whose sub-folders are the compressed datasets the records name
     * @param analyses JSON tables written by {@code condense analyze}
     * @param cardDirs folders holding teachers and scoring runs, whose cards are found by content where a
     *     manifest's path to them does not resolve
     */
    public record Inputs(String title, String command, List<String> sources, List<ResultRecord> records,
            List<Path> datasetDirs, List<Path> analyses, List<Path> cardDirs) {
        public Inputs(String title, String command, List<String> sources, List<ResultRecord> records,
                List<Path> datasetDirs, List<Path> analyses) {
            this(title, command, sources, records, datasetDirs, analyses, List.of());
        }
    }

    private final Path imageDir;
    static final int GRID_CLASSES = 10;
    static final int GRID_PER_CLASS = 10;

    public ReportBuilder(Path imageDir) {
        this.imageDir = imageDir;
    }

    public ReportViews.Report build(Inputs in) {
        List<Table> tables = BenchmarkTables.build(in.records());
        Map<String, Path> datasets = findDatasets(in.records(), in.datasetDirs());
        Map<String, Manifest> manifests = new TreeMap<>();
        datasets.forEach((name, dir) -> manifests.put(name, CompressedDataset.readManifest(dir.resolve("manifest.json"))));
        Map<String, String> reduced = reducedNotes(in.records(), manifests);
        Map<String, RowFacts> facts = rowFacts(in.records(), manifests);
        List<TableView> tableViews = new ArrayList<>();
        List<ClaimView> claims = new ArrayList<>();
        for (Table t : tables) {
            tableViews.add(tableView(t, reduced));
            for (Claims.Claim c : Claims.of(t, facts)) {
                claims.add(new ClaimView(t.title(), c.title(), c.verdict(),
                        c.checks().stream().map(k -> (k.holds() ? "✓ " : "✗ ") + k.text()).toList()));
            }
        }
        List<DatasetView> datasetViews = datasetViews(in.records(), datasets);
        List<StorageRow> storage = StorageTable.rows(in.records(), datasets);
        InputCards cards = InputCards.index(in.cardDirs());
        List<ReportViews.CostRow> costs = CompressionCost.rows(datasets.values(), cards);
        List<ReportViews.ComputeRow> compute = GridCompute.rows(in.records(), datasets, manifests, cards);
        List<ReportViews.LabelStorageView> labelStorage = labelStorage(in.records());
        return new ReportViews.Report(in.title(), in.command(), in.sources(), in.records().size(), tableViews, datasetViews,
                !datasetViews.isEmpty(), storage, !storage.isEmpty(), costs, !costs.isEmpty(), analyses(in.analyses()),
                claims, !claims.isEmpty(), Claims.RULES, labelStorage, !labelStorage.isEmpty(), compute,
                !compute.isEmpty());
    }

    private List<ReportViews.LabelStorageView> labelStorage(List<ResultRecord> records) {
        List<ReportViews.LabelStorageView> out = new ArrayList<>();
        for (LabelStorage.Panel p : LabelStorage.panels(records)) {
            String claim = LabelStorage.claim(p);
            out.add(new ReportViews.LabelStorageView(p.title(), image(p.title() + " · top-1 against total bytes",
                    slug("label-storage-" + p.dataset() + "-ipc" + p.ipc()), LabelStorage.chart(p)),
                    claim == null ? "" : claim, claim != null));
        }
        return out;
    }

    /** What the claims need about each row (by variant), from the registry and the first manifest of its datasets. */
    private static Map<String, RowFacts> rowFacts(List<ResultRecord> records, Map<String, Manifest> manifests) {
        Map<String, RowFacts> facts = new TreeMap<>();
        records.stream().filter(r -> manifests.containsKey(r.data())).sorted(Comparator.comparing(ResultRecord::data))
                .forEach(r -> facts.putIfAbsent(variantOf(r), RowFacts.of(r.method(), manifests.get(r.data()))));
        return facts;
    }

    /** Reduced settings by {@code variant|ipc}, from the manifests of those datasets ("" when none). */
    private static Map<String, String> reducedNotes(List<ResultRecord> records, Map<String, Manifest> manifests) {
        Map<String, List<Manifest>> byCell = new TreeMap<>();
        for (ResultRecord r : records) {
            Manifest m = manifests.get(r.data());
            if (m != null) {
                byCell.computeIfAbsent(variantOf(r) + "|" + r.ipc(), k -> new ArrayList<>()).add(m);
            }
        }
        Map<String, String> notes = new TreeMap<>();
        byCell.forEach((cell, list) -> notes.put(cell, ReducedSettings.note(list)));
        return notes;
    }

    private TableView tableView(Table t, Map<String, String> reduced) {
        List<String> header = new ArrayList<>();
        header.add("method");
        t.columns().forEach(c -> header.add(c.title()));
        int seeds = t.rows().stream().flatMap(r -> t.columns().stream().map(c -> t.cell(r, c)))
                .filter(java.util.Objects::nonNull).mapToInt(c -> c.top1().size()).max().orElse(0);
        List<String> cellNotes = new ArrayList<>();
        for (Row row : t.rows()) {
            for (Column c : t.columns()) {
                if (t.cell(row, c) != null) {
                    cellNotes.add(reduced.getOrDefault(row.variant() + "|" + c.ipc(), ""));
                }
            }
        }
        Map<String, String> markers = ReducedSettings.markers(cellNotes);
        List<RowView> rows = new ArrayList<>();
        for (Row row : t.rows()) {
            List<CellView> cells = new ArrayList<>();
            for (Column c : t.columns()) {
                CellView v = cellView(t.cell(row, c), seeds);
                String marker = t.cell(row, c) == null ? null : markers.get(reduced.getOrDefault(row.variant() + "|" + c.ipc(), ""));
                cells.add(marker == null ? v : new CellView(v.value() + " " + marker, v.mark(), v.css()));
            }
            rows.add(new RowView(row.title(), cells));
        }
        List<String> notes = new ArrayList<>();
        markers.forEach((note, marker) -> notes.add(marker + " " + note + " (from the datasets' manifests)"));
        List<Image> charts = new ArrayList<>();
        for (String labels : t.columns().stream().map(Column::labels).distinct().toList()) {
            Map<String, Map<Integer, Double>> series = new LinkedHashMap<>();
            for (Row row : t.rows()) {
                Map<Integer, Double> points = new TreeMap<>();
                for (Column c : t.columns()) {
                    Cell cell = t.cell(row, c);
                    if (c.labels().equals(labels) && cell != null && c.ipc() > 0) {
                        points.put(c.ipc(), cell.mean());
                    }
                }
                if (!points.isEmpty()) {
                    series.put(row.title(), points);
                }
            }
            if (series.values().stream().mapToInt(Map::size).max().orElse(0) < 2) {
                continue; // one IPC: the table says it all, a chart of single points would not
            }
            String title = t.title() + " · " + labels + " labels";
            charts.add(image(title, slug("accuracy-" + t.title() + "-" + labels), Charts.accuracyVsIpc(title, series)));
        }
        return new TableView(t.title(), header, rule(header.size()), rows, charts, notes);
    }

    static CellView cellView(Cell cell) {
        return cellView(cell, cell == null ? 0 : cell.top1().size());
    }

    /**
     * {@code 42.48 ± 0.45} and, against Random, ▲ +10.38 / ▼ −0.68; a cell over fewer seeds than
     * the table's others says how many, e.g. {@code (n=2)}.
     */
    static CellView cellView(Cell cell, int tableSeeds) {
        if (cell == null) {
            return new CellView("–", "", "");
        }
        String value = String.format("%.2f ± %.2f", cell.mean(), cell.std())
                + (cell.top1().size() < tableSeeds ? " (n=" + cell.top1().size() + ")" : "");
        if (cell.delta() == null) {
            return new CellView(value, "", "");
        }
        double d = cell.delta();
        if (Math.abs(d) < 0.005) {
            return new CellView(value, "= 0.00", "same");
        }
        return d > 0 ? new CellView(value, String.format("▲ +%.2f", d), "up")
                : new CellView(value, String.format("▼ −%.2f", -d), "down");
    }

    private static String rule(int columns) {
        return "|" + "---|".repeat(columns);
    }

    /** Compressed datasets by folder name, found in the given folders (records name them by folder). */
    private static Map<String, Path> findDatasets(List<ResultRecord> records, List<Path> dirs) {
        Map<String, Path> found = new TreeMap<>();
        for (ResultRecord r : records) {
            for (Path d : dirs) {
                Path candidate = d.resolve(r.data());
                if (!found.containsKey(r.data()) && CompressedDataset.isCompressedDataset(candidate)) {
                    found.put(r.data(), candidate);
                }
            }
        }
        return found;
    }

    /**
     * One view per method variant (the paper's Figures 9–14): its dataset at the smallest IPC whose
     * images are on disk, of the lowest data seed, drawn as up to {@value #GRID_CLASSES} classes ×
     * up to {@value #GRID_PER_CLASS} images. Folders that keep only a dataset's manifest and cost (a
     * committed record of a run whose images were not kept) still count for storage and compression
     * time, but draw nothing.
     */
    private List<DatasetView> datasetViews(List<ResultRecord> records, Map<String, Path> datasets) {
        Map<String, ResultRecord> chosen = new TreeMap<>();
        java.util.Set<String> drawable = new java.util.HashSet<>();
        datasets.forEach((name, dir) -> {
            if (CompressedDataset.open(dir).imagesOnDisk()) {
                drawable.add(name);
            }
        });
        records.stream().filter(r -> drawable.contains(r.data()))
                .sorted(Comparator.comparingInt(ResultRecord::ipc).thenComparingLong(ResultRecord::dataSeed)
                        .thenComparing(ResultRecord::data))
                .forEach(r -> chosen.putIfAbsent(r.sourceDataset() + "|" + variantOf(r), r));
        List<DatasetView> views = new ArrayList<>();
        for (ResultRecord r : chosen.values()) {
            CompressedDataset ds = CompressedDataset.open(datasets.get(r.data()));
            Manifest m = ds.manifest();
            String title = m.sourceDataset() + " · " + variantOf(r) + " · IPC " + m.ipc() + " (seed " + m.seed() + ")";
            String base = slug(m.sourceDataset() + "-" + variantOf(r) + "-ipc" + m.ipc());
            Image grid = image(title, base + "-grid", ImageGrid.render(ds, GRID_CLASSES, Math.min(GRID_PER_CLASS, m.ipc())));
            int[] counts = new int[m.classes().size()];
            List<Integer> sources = new ArrayList<>();
            for (Manifest.Entry e : m.images()) {
                // an import's sources are unknown: each image holds factor² of them, as declared
                counts[e.label()] += e.sources() == null ? 1 : e.sources().length == 0 ? m.factor() * m.factor()
                        : e.sources().length;
                if (e.sources() != null) {
                    for (int s : e.sources()) {
                        sources.add(s);
                    }
                }
            }
            Image classes = image("source images per class", base + "-classes",
                    Charts.classCounts("source images per class", m.classes(), counts));
            Image histogram = null;
            String note = m.factor() > 1 ? "each image is a " + m.factor() + "×" + m.factor() + " composite of source images" : "";
            double[] scores = scoresOf(ds.root(), m);
            if (scores != null) {
                double[] selected = sources.stream().mapToDouble(i -> scores[i]).toArray();
                String score = shownScore(m);
                histogram = image(score + ": full set vs selected", base + "-scores",
                        Charts.scoreHistogram(score + ": full set vs selected", score, scores, selected));
            }
            views.add(new DatasetView(title, note, grid, histogram, classes));
        }
        return views;
    }

    /** The score the method ranked by, read from the .npy beside the scores file the manifest names; null if none. */
    private static double[] scoresOf(Path folder, Manifest m) {
        Map<String, Object> p = m.parameters();
        if (p == null || !(p.get(PinnedInput.SCORES_FILE) instanceof String file)) {
            return null;
        }
        String score = shownScore(m);
        Path npy = org.condense.compress.ManifestPaths.resolve(folder, file).resolveSibling(score + ".npy");
        if (!Files.isRegularFile(npy)) {
            return null;
        }
        try {
            double[] values = Npy.decode(Files.readAllBytes(npy), npy.toString());
            return values.length == m.sourceSize() ? values : null;
        } catch (IOException | RuntimeException e) {
            return null; // a histogram is illustration; a missing or changed scores file leaves it out
        }
    }

    /** The score the manifest says the method ranked by, else the one the method declares it shows. */
    static String shownScore(Manifest m) {
        Object recorded = m.parameters() == null ? null : m.parameters().get("score");
        if (recorded != null) {
            return String.valueOf(recorded);
        }
        return CompressionMethods.find(m.method()).map(x -> x.needs().shownScore()).orElse(m.method());
    }


    static String human(double bytes) {
        if (bytes < 1024) {
            return String.format("%.0f B", bytes);
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024);
        }
        if (bytes < 1024.0 * 1024 * 1024) {
            return String.format("%.1f MiB", bytes / 1024 / 1024);
        }
        return String.format("%.2f GiB", bytes / 1024 / 1024 / 1024);
    }

    private static List<AnalysisView> analyses(List<Path> files) {
        List<AnalysisView> views = new ArrayList<>();
        for (Path f : files) {
            JsonNode n;
            try {
                n = JSON.readTree(f.toFile());
            } catch (IOException e) {
                throw new UserException("analysis " + f + " is not readable JSON (" + e.getClass().getSimpleName()
                        + "); rerun the `condense analyze` command that wrote it");
            }
            if (!n.path("columns").isArray() || !n.path("rows").isArray()) {
                throw new UserException("analysis " + f + " has no columns/rows; give a file written by `condense analyze`");
            }
            List<String> header = new ArrayList<>();
            n.get("columns").forEach(c -> header.add(c.asText()));
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode row : n.get("rows")) {
                List<String> cells = new ArrayList<>();
                row.forEach(c -> cells.add(analysisCell(c)));
                rows.add(cells);
            }
            views.add(new AnalysisView(n.path("title").asText(f.getFileName().toString()), n.path("command").asText(""),
                    n.path("notes").asText(""), header, rule(header.size()), rows));
        }
        return views;
    }

    /**
     * A cell of an analysis table as the analysis wrote it (it rounds its own numbers): 89.25 stays
     * 89.25, 100.0 is 100 and 4.0E-4 is 0.0004, so a table does not gain digits it never had.
     */
    static String analysisCell(JsonNode c) {
        if (c.isFloatingPointNumber() && Double.isFinite(c.asDouble())) {
            BigDecimal d = BigDecimal.valueOf(c.asDouble()).stripTrailingZeros();
            return (d.signum() == 0 ? BigDecimal.ZERO : d).toPlainString();
        }
        return c.asText();
    }

    /** Every analysis JSON in {@code dir} (sorted by name), or the file itself. */
    public static List<Path> analysisFiles(Path dirOrFile) {
        if (Files.isRegularFile(dirOrFile)) {
            return List.of(dirOrFile);
        }
        if (!Files.isDirectory(dirOrFile)) {
            throw new UserException("no analyses at " + dirOrFile + " (give a folder of `condense analyze` JSON files)");
        }
        try (Stream<Path> s = Files.list(dirOrFile)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UserException("cannot list " + dirOrFile + ": " + e.getMessage());
        }
    }

    private Image image(String caption, String name, byte[] png) {
        String file = name + ".png";
        try {
            Files.createDirectories(imageDir);
            org.condense.io.AtomicFiles.write(imageDir.resolve(file), out -> out.write(png));
        } catch (IOException e) {
            throw new UserException("cannot write " + imageDir.resolve(file) + ": " + e.getMessage());
        }
        return new Image(caption, imageDir.getFileName() + "/" + file, "data:image/png;base64," + Base64.getEncoder().encodeToString(png));
    }

    static String slug(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.=-]+", "-").replaceAll("-+", "-").replaceAll("^-|-$", "");
    }

    private static String variantOf(ResultRecord r) {
        return r.variant() == null ? r.method() : r.variant();
    }
}
