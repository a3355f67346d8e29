package org.condense.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.condense.UserException;
import org.condense.bench.ResultSources;
import org.condense.evaluate.ResultRecord;
import org.condense.report.ReportBuilder;
import org.condense.report.ReportViews;
import org.condense.report.ReportWriter;
import org.condense.io.OutputPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render results into report.md (+ img/) and a self-contained report.html: benchmark tables with Δ "
                + "against Random, accuracy-vs-IPC charts, image grids, score and class histograms, storage, analyses.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "STORE|DIR", description = "Results stores of `condense bench`, or folders of `condense evaluate` records.")
    List<Path> inputs;

    static final String DEFAULT_TITLE = "condense benchmark report";

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Report folder.")
    Path out;

    @Option(names = "--title", defaultValue = DEFAULT_TITLE, paramLabel = "TEXT", description = "Page title.")
    String title;

    @Option(names = "--datasets", paramLabel = "DIR", description = "Folders holding the compressed datasets the records name "
            + "(default: the store's data/ folder, or the parent of a records folder).")
    List<Path> datasetDirs = new ArrayList<>();

    @Option(names = "--inputs", paramLabel = "DIR", description = "Folders holding the teachers and scoring runs the "
            + "datasets were made with (searched two levels deep); their cards, found by the SHA-256 of the weights or "
            + "scores, give the cost table the inputs' times where the datasets' recorded paths do not resolve.")
    List<Path> inputDirs = new ArrayList<>();

    @Option(names = "--analyses", paramLabel = "DIR|FILE", description = "JSON tables of `condense analyze` to include.")
    List<Path> analyses = new ArrayList<>();

    @Option(names = "--command", paramLabel = "TEXT", description = "How to regenerate the results, shown at the top (default: this report command).")
    String command;

    @Override
    public Integer call() {
        OutputPaths.requireWritableFolder(out, "--out");
        List<ResultRecord> records = ResultSources.read(inputs);
        if (records.isEmpty()) {
            throw new UserException("no result records in " + inputs + "; run `condense bench GRID.yaml` first");
        }
        List<Path> dirs = new ArrayList<>(datasetDirs);
        if (dirs.isEmpty()) {
            for (Path p : inputs) {
                Path parent = p.toAbsolutePath().getParent();
                dirs.add(Files.isRegularFile(p) ? parent.resolve("data") : parent);
            }
        }
        List<Path> analysisFiles = new ArrayList<>();
        analyses.forEach(a -> analysisFiles.addAll(ReportBuilder.analysisFiles(a)));
        String shown = command != null ? command : defaultCommand();
        ReportViews.Report r = ReportWriter.write(new ReportBuilder.Inputs(title, shown,
                inputs.stream().map(Path::toString).toList(), records, dirs, analysisFiles, inputDirs), out);
        System.out.printf("report of %d records: %d tables, %d datasets, %d analyses -> %s, %s%n", r.records(),
                r.tables().size(), r.datasets().size(), r.analyses().size(), out.resolve("report.md"), out.resolve("report.html"));
        return 0;
    }

    /** This invocation spelled out again, with every option that changes the page, so it can be rerun as shown. */
    String defaultCommand() {
        StringBuilder c = new StringBuilder("condense report");
        inputs.forEach(p -> c.append(' ').append(p));
        datasetDirs.forEach(d -> c.append(" --datasets ").append(d));
        inputDirs.forEach(d -> c.append(" --inputs ").append(d));
        analyses.forEach(a -> c.append(" --analyses ").append(a));
        if (!title.equals(DEFAULT_TITLE)) {
            c.append(" --title '").append(title.replace("'", "'\\''")).append('\'');
        }
        return c.append(" --out ").append(out).toString();
    }
}
