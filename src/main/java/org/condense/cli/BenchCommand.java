package org.condense.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.condense.bench.BenchRunner;
import org.condense.bench.Grid;
import org.condense.bench.GridFile;
import org.condense.bench.ResultStore;
import org.condense.bench.StoreMigration;
import org.condense.bench.StoreVerifier;
import org.condense.bench.WorkerLayout;
import org.condense.evaluate.SummaryTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.condense.io.OutputPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark grid (datasets × methods × IPC × protocols × models × seeds): shared scores and "
                + "compressed datasets are built once, each finished run is appended to the results store, a rerun "
                + "skips what is done. Several worker processes share the grid: by default one 1-thread worker per core.")
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

    @Option(names = "--dry-run", description = "List the runs, which are done (`done (data missing)`: its record is in the store but its data "
            + "folder is gone; a real run compresses it again and trains nothing), and an estimate of the time the rest "
            + "takes; build and train nothing.")
    boolean dryRun;

    @Option(names = "--verify", description = "Check that the finished store and its data folders agree (whole lines, "
            + "unique keys, each run's data folder with its manifest and images, each record's data, no temporary "
            + "folders or checkpoints left); print one line per problem and exit 2 if there is any. Builds and trains nothing.")
    boolean verify;

    @Option(names = "--migrate", description = "Rewrite a store made before runs were named by content: each record's "
            + "key is recomputed from its dataset's manifest and the SHA-256 of its teacher's weights, teacher paths "
            + "become hashes, the work folder's checkpoints of the grid's runs in progress are renamed to their new keys "
            + "and its manifests lose their absolute paths. Atomic and idempotent; run it from the folder the bench ran "
            + "in, with the bench stopped. Builds and trains nothing.")
    boolean migrate;

    @Option(names = "--datasets", paramLabel = "DIR", description = "With --migrate: more folders holding the records' "
            + "compressed datasets by name (searched after <work>/data and <store>-data beside the store).")
    List<Path> datasets = new ArrayList<>();

    @Option(names = "--assume-images-per-second", defaultValue = "350", paramLabel = "N",
            description = "Training speed the dry run assumes for a network with no finished run in the store (default: ${DEFAULT-VALUE}, convnet on one CPU core).")
    double assumedSpeed;

    @Option(names = "--workers", defaultValue = "auto", paramLabel = "N",
            description = "Worker processes sharing the grid (default: ${DEFAULT-VALUE}: one per core, at most 8 and at "
                    + "most the grid's runs). More `condense bench` processes on the same work folder may join at any time.")
    String workers;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "T",
            description = "Intra-op threads per worker (default: the cores divided among the workers).")
    int threads;

    @Mixin
    DataDirOption dataDir = new DataDirOption();

    @Spec
    CommandSpec spec;

    @Mixin
    DeviceOption device = new DeviceOption();

    @Override
    public Integer call() throws InterruptedException {
        device.select();
        Grid grid = GridFile.load(gridFile);
        Path w = work != null ? work : Path.of("runs", "bench", grid.name());
        Path s = store != null ? store : w.resolve("results.jsonl");
        OutputPaths.requireWritableFolder(w, "--work");
        OutputPaths.requireWritableFile(s, "--store");
        BenchRunner runner = new BenchRunner(grid, new BenchRunner.Options(w, s, reuse, dataDir.options()), LOG::info);
        if (migrate) {
            System.out.println(new StoreMigration(grid, w, s, datasets).run().line(s));
            return 0;
        }
        if (verify) {
            List<String> problems = new StoreVerifier(grid, new BenchRunner.Options(w, s, reuse, dataDir.options())).problems();
            problems.forEach(System.out::println);
            System.out.printf("%s: %d problem(s)%n", s, problems.size());
            return problems.isEmpty() ? 0 : 2;
        }
        if (dryRun) {
            double total = 0;
            int toRun = 0;
            // the label folders first: their runs need them
            for (BenchRunner.RelabelJob j : runner.relabelJobs()) {
                System.out.printf("%-20s relabel %s seed %d -> %s%n", j.status(), j.dataFolder(), j.seed(), j.out());
            }
            for (BenchRunner.Planned p : runner.dryRun(assumedSpeed)) {
                System.out.printf("%-20s %s%s%n", p.status(), p.run().id(),
                        p.estimatedSeconds() > 0 ? String.format("  ~%.0f min", p.estimatedSeconds() / 60) : "");
                total += p.estimatedSeconds();
                toRun += p.status().equals("to run") ? 1 : 0;
            }
            System.out.printf("%d runs to train, about %.1f h on one process%n", toRun, total / 3600);
            return 0;
        }
        WorkerLayout layout = WorkerLayout.of(workers, threads, Runtime.getRuntime().availableProcessors(),
                grid.expand().size());
        // read when the engine starts, which is after this point in a fresh process
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(layout.threads()));
        WorkerProcesses others = new WorkerProcesses();
        if (layout.workers() > 1) {
            LOG.info("{} workers of {} thread(s) each share the grid", layout.workers(), layout.threads());
            others.start(layout.workers() - 1, layout.threads(), spec.name(),
                    WorkerProcesses.withoutLayout(WorkerProcesses.afterSubcommand(
                            spec.commandLine().getParseResult().originalArgs(), spec.name())));
        }
        BenchRunner.Summary summary = runner.run();
        int worst = others.waitAll();
        if (worst != 0) {
            LOG.warn("a worker process ended with exit code {}; rerun the same command to finish its runs", worst);
        }
        System.out.print(SummaryTable.render(ResultStore.read(s)));
        System.out.printf("%d runs: %d were done, %d copied, %d trained now, %d left to another process -> %s%n",
                summary.total(), summary.done(), summary.reused(), summary.ran(), summary.claimedElsewhere(), s);
        return worst == 0 ? 0 : worst;
    }
}
