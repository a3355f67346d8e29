package org.condense.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.condense.bench.BenchRunner;
import org.condense.bench.Grid;
import org.condense.bench.GridFile;
import org.condense.bench.ResultStore;
import org.condense.evaluate.SummaryTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.condense.io.OutputPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark grid (datasets × methods × IPC × protocols × models × seeds): shared scores and "
                + "compressed datasets are built once, each finished run is appended to the results store, a rerun "
                + "skips what is done. Two processes on one work folder share the grid.")
final class BenchCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BenchCommand.class);

    @Parameters(index = "0", paramLabel = "GRID.yaml", description = "The grid file (see bench/grids/).")
    Path gridFile;

    @Option(names = "--work", paramLabel = "DIR", description = "Work folder for scores, compressed datasets and locks (default: runs/bench/<grid name>).")
    Path work;

    @Option(names = "--store", paramLabel = "FILE", description = "Results store, JSON lines (default: <work>/results.jsonl).")
    Path store;

    @Option(names = "--reuse", paramLabel = "DIR", description = "Folders of `condense evaluate` records: a run with the same key is copied into the store instead of rerun.")
    List<Path> reuse = new ArrayList<>();

    @Option(names = "--dry-run", description = "List the runs, which are done, and an estimate of the time the rest takes; build and train nothing.")
    boolean dryRun;

    @Option(names = "--assume-images-per-second", defaultValue = "350", paramLabel = "N",
            description = "Training speed the dry run assumes for a network with no finished run in the store (default: ${DEFAULT-VALUE}, convnet on one CPU core).")
    double assumedSpeed;

    @Mixin
    DataDirOption dataDir = new DataDirOption();

    @Override
    public Integer call() {
        Grid grid = GridFile.load(gridFile);
        Path w = work != null ? work : Path.of("runs", "bench", grid.name());
        Path s = store != null ? store : w.resolve("results.jsonl");
        OutputPaths.requireWritableFolder(w, "--work");
        OutputPaths.requireWritableFile(s, "--store");
        BenchRunner runner = new BenchRunner(grid, new BenchRunner.Options(w, s, reuse, dataDir.options()), LOG::info);
        if (dryRun) {
            double total = 0;
            int toRun = 0;
            for (BenchRunner.Planned p : runner.dryRun(assumedSpeed)) {
                System.out.printf("%-18s %s%s%n", p.status(), p.run().id(),
                        p.estimatedSeconds() > 0 ? String.format("  ~%.0f min", p.estimatedSeconds() / 60) : "");
                total += p.estimatedSeconds();
                toRun += p.status().equals("to run") ? 1 : 0;
            }
            System.out.printf("%d runs to train, about %.1f h on one process%n", toRun, total / 3600);
            return 0;
        }
        BenchRunner.Summary summary = runner.run();
        System.out.print(SummaryTable.render(ResultStore.read(s)));
        System.out.printf("%d runs: %d were done, %d copied, %d trained now, %d left to another process -> %s%n",
                summary.total(), summary.done(), summary.reused(), summary.ran(), summary.claimedElsewhere(), s);
        return 0;
    }
}
