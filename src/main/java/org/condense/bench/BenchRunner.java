package org.condense.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.condense.UserException;
import org.condense.compress.Compressor;
import org.condense.compress.MethodNeeds;
import org.condense.data.DataOptions;
import org.condense.data.Datasets;
import org.condense.data.ImageDataset;
import org.condense.data.Split;
import org.condense.evaluate.EvaluationRunner;
import org.condense.evaluate.Protocols;
import org.condense.evaluate.ResultRecord;
import org.condense.evaluate.ResultRecords;
import org.condense.io.FileClaim;
import org.condense.io.Hashing;
import org.condense.methods.CompressionMethods;
import org.condense.model.NetworkSpec;
import org.condense.score.ScoreJob;
import org.condense.train.Protocol;
import org.condense.train.TeacherStore;

/**
 * Runs a grid: builds each shared artefact once (a dataset's scores, a compressed dataset), then
 * trains and tests every run whose key is not in the store yet, appending each result as it
 * finishes.
 *
 * <p>Several bench processes may share one work folder and store: each run is claimed with a
 * file lock (released by the OS if the process dies, so no claim goes stale), artefacts are
 * built under a lock, and the store's appends are locked. On a 2-core CPU two processes of one
 * thread each get about 20 % more images/s than one of two threads.
 */
public final class BenchRunner {
    /** @param reuse folders of {@code condense evaluate} records: a run whose key is there is copied, not rerun */
    public record Options(Path work, Path store, List<Path> reuse, DataOptions data) {}

    private final Grid grid;
    private final Options options;
    private final Consumer<String> log;
    private final Map<String, ImageDataset> sources = new HashMap<>();
    private final Map<String, Path> scores = new HashMap<>();

    public BenchRunner(Grid grid, Options options, Consumer<String> log) {
        this.grid = grid;
        this.options = options;
        this.log = log;
    }

    /** What happened to the grid's runs. */
    public record Summary(int total, int done, int reused, int ran, int claimedElsewhere) {}

    public Summary run() {
        List<BenchRun> runs = grid.expand();
        Map<String, Protocol> protocols = checkProtocols(runs);
        ResultStore store = ResultStore.open(options.store(), log);
        Map<String, ResultRecord> reusable = reusableRecords();
        EvaluationRunner evaluator = new EvaluationRunner(log);
        int done = 0;
        int reused = 0;
        int ran = 0;
        int elsewhere = 0;
        Eta eta = new Eta();
        // A run whose dataset another process is building goes to the back of the queue once, so
        // that this process builds or trains something else meanwhile instead of waiting on that lock.
        Deque<Integer> queue = new ArrayDeque<>();
        for (int i = 0; i < runs.size(); i++) {
            queue.add(i);
        }
        Set<Integer> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            int i = queue.poll();
            BenchRun run = runs.get(i);
            String prefix = String.format("[%d/%d] %s", i + 1, runs.size(), run.id());
            try (FileClaim claim = FileClaim.tryTake(options.work().resolve("locks").resolve("run-" + Hashing.sha256(run.id()).substring(0, 16) + ".lock"))) {
                if (claim == null) {
                    log.accept(prefix + ": another bench process is on it");
                    elsewhere++;
                    continue;
                }
                if (seen.add(i) && dataBuiltElsewhere(run)) {
                    log.accept(prefix + ": another bench process is building its dataset; back to it later");
                    queue.add(i);
                    continue;
                }
                Path data = compressed(run);
                Protocol p = protocols.get(run.id());
                Path labels = run.storedLabels()
                        ? BenchLabels.relabel(options.work(), run, p, data, grid.onlineTeacher(p.recipe()), options.data(), log)
                        : null;
                EvaluationRunner.Plan plan = evaluator.plan(BenchLabels.request(data, p, run, grid.onlineTeacher(p.recipe()), grid.ensembleTeachers(p.recipe()), labels,
                        options.data()));
                String key = plan.key(run.seed());
                store.refresh();
                if (store.contains(key)) {
                    log.accept(String.format("%s: done, top-1 %.2f%%", prefix, store.get(key).top1()));
                    done++;
                    continue;
                }
                ResultRecord old = reusable.get(key);
                if (old != null) {
                    store.append(old);
                    log.accept(String.format("%s: copied from an earlier `condense evaluate` (same key %s), top-1 %.2f%%",
                            prefix, key, old.top1()));
                    reused++;
                    continue;
                }
                log.accept(prefix + ": training" + eta.describe(runs.size() - i));
                long start = System.nanoTime();
                ResultRecord record = plan.train(run.seed(), options.work().resolve("checkpoints"));
                store.append(record);
                eta.add((System.nanoTime() - start) / 1e9);
                ran++;
            }
        }
        return new Summary(runs.size(), done, reused, ran, elsewhere);
    }

    /** Whether another process holds the build lock of the run's compressed dataset right now. */
    private boolean dataBuiltElsewhere(BenchRun run) {
        try (FileClaim lock = FileClaim.tryTake(dataLock(run))) {
            return lock == null;
        }
    }

    private Path dataLock(BenchRun run) {
        return options.work().resolve("locks").resolve("data-" + run.dataFolder() + ".lock");
    }

    /** The dry run's state of a run whose record is in the store but whose data folder is gone. */
    public static final String DONE_WITHOUT_DATA = "done (data missing)";

    /**
     * Whether the store holds this run's record though its data folder is gone (its key needs the
     * folder's manifest): a record of the run's data folder, seed, network and resolved protocol
     * (with its stored-label settings), and for an online teacher, of the grid's teacher weights.
     */
    private boolean recordedWithoutData(List<ResultRecord> finished, BenchRun run, Protocol p) {
        ImageDataset src = source(run.dataset());
        NetworkSpec spec = NetworkSpec.of(run.model(), src.channels(), src.height(), src.numClasses());
        com.fasterxml.jackson.databind.node.ObjectNode config = p.resolved().deepCopy();
        if (run.storedLabels()) {
            config.put("label_source", "stored");
            config.put("label_prune", run.labelPrune());
        }
        String teacher = null;
        if (p.recipe().softLabels() && !run.storedLabels()) {
            Path dir = Path.of(grid.firstTeacher());
            teacher = Files.isRegularFile(dir.resolve(TeacherStore.WEIGHTS))
                    ? "sha256:" + TeacherStore.weightsSha256(dir) : null;
        }
        try {
            // as the store reads it back: numbers compare by their JSON form
            JsonNode expected = ResultStore.JSON.readTree(ResultStore.JSON.writeValueAsString(config));
            for (ResultRecord r : finished) {
                if (run.dataFolder().equals(r.data()) && r.seed() == run.seed() && spec.equals(r.network())
                        && expected.equals(r.protocolConfig()) && (teacher == null || teacher.equals(r.teacher()))) {
                    return true;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return false;
    }

    /** A run as the dry run sees it: done, copyable from --reuse, or to train (with its estimated time). */
    public record Planned(BenchRun run, String status, double estimatedSeconds) {}

    /**
     * Lists the runs without building or training anything. A run whose compressed dataset exists
     * is looked up by its key; the time of a run to train is its images × epochs over the median
     * images/s of the store's finished runs of the same network (or {@code assumedImagesPerSecond}).
     */
    public List<Planned> dryRun(double assumedImagesPerSecond) {
        List<BenchRun> runs = grid.expand();
        Map<String, Protocol> protocols = checkProtocols(runs);
        List<ResultRecord> finished = Files.exists(options.store()) ? ResultStore.read(options.store()) : List.of();
        java.util.Set<String> doneKeys = new java.util.HashSet<>();
        finished.forEach(r -> doneKeys.add(r.key()));
        Map<String, ResultRecord> reusable = reusableRecords();
        EvaluationRunner evaluator = new EvaluationRunner(line -> { });
        List<Planned> out = new java.util.ArrayList<>();
        for (BenchRun run : runs) {
            Protocol p = protocols.get(run.id());
            Path data = options.work().resolve("data").resolve(run.dataFolder());
            String status = "to run";
            Path labels = run.storedLabels() ? BenchLabels.folder(options.work(), run, p) : null;
            if (org.condense.compress.CompressedDataset.isCompressedDataset(data)
                    && (labels == null || BenchLabels.complete(labels))) {
                String key = evaluator.plan(BenchLabels.request(data, p, run, grid.onlineTeacher(p.recipe()), grid.ensembleTeachers(p.recipe()), labels, options.data()))
                        .key(run.seed());
                status = doneKeys.contains(key) ? "done" : reusable.containsKey(key) ? "copy from --reuse" : "to run";
            } else if (!Files.exists(data) && recordedWithoutData(finished, run, p)) {
                // a real run compresses again, deterministically, and finds this record: nothing to train
                status = DONE_WITHOUT_DATA;
            }
            double seconds = 0;
            if (status.equals("to run")) {
                int classes = source(run.dataset()).numClasses();
                double imagesPerSecond = ThroughputEstimate.median(finished, run.model(), assumedImagesPerSecond);
                seconds = (double) p.recipe().epochs() * run.ipc() * classes / imagesPerSecond;
            }
            out.add(new Planned(run, status, seconds));
        }
        return out;
    }

    /** A relabel job of the grid, as the dry run lists it: done or to do, for one data folder and seed. */
    public record RelabelJob(String status, String dataFolder, long seed, Path out) {}

    /** The label folders the grid's stored-label runs need, once each, without building anything. */
    public List<RelabelJob> relabelJobs() {
        List<BenchRun> runs = grid.expand();
        Map<String, Protocol> protocols = checkProtocols(runs);
        Map<Path, RelabelJob> jobs = new LinkedHashMap<>();
        for (BenchRun run : runs) {
            if (run.storedLabels()) {
                Path out = BenchLabels.folder(options.work(), run, protocols.get(run.id()));
                jobs.computeIfAbsent(out, o -> new RelabelJob(BenchLabels.complete(o) ? "labelled" : "to relabel",
                        run.dataFolder(), run.seed(), o));
            }
        }
        return List.copyOf(jobs.values());
    }

    /** Loads every run's protocol first, so a bad preset, override, model name or missing teacher fails before any work. */
    private Map<String, Protocol> checkProtocols(List<BenchRun> runs) {
        Map<String, Protocol> byRun = new LinkedHashMap<>();
        if (grid.teacher() != null) {
            for (String teacher : grid.teacher().split(",")) { // a missing or broken card fails now, not after scoring
                org.condense.train.TeacherStore.card(Path.of(teacher));
            }
        }
        for (BenchRun run : runs) {
            if (!org.condense.model.Networks.names().contains(run.model().trim().toLowerCase(java.util.Locale.ROOT))) {
                throw new UserException("grid model '" + run.model() + "' is unknown; choose from "
                        + String.join(", ", org.condense.model.Networks.names()));
            }
            Protocol p = Protocols.load(run.protocol().preset(), run.overrides());
            if (p.recipe().softLabels() && grid.teacher() == null) {
                throw new UserException("protocol " + p.name() + " uses soft labels; add `teacher: FOLDER` (from `condense train`) to the grid");
            }
            if (run.storedLabels() && !p.recipe().softLabels()) {
                throw new UserException("grid protocol " + p.name() + " uses hard labels; `labels: stored` needs a "
                        + "soft-label protocol such as standard-soft");
            }
            if (run.storedLabels() && grid.ensembleTeachers(p.recipe()).size() > 0) {
                throw new UserException("grid protocol " + p.name() + " combines several teachers; `labels: stored` "
                        + "records one teacher's logits: use online labels or a single teacher");
            }
            int k = run.protocol().topK();
            if (k > 0 && k >= source(run.dataset()).numClasses()) {
                throw new UserException("grid protocol " + p.name() + ": top_k " + k + " keeps every class of "
                        + run.dataset() + "; give fewer than " + source(run.dataset()).numClasses() + " or 0");
            }
            byRun.put(run.id(), p);
        }
        return byRun;
    }

    private Map<String, ResultRecord> reusableRecords() {
        Map<String, ResultRecord> byKey = new HashMap<>();
        if (!options.reuse().isEmpty()) {
            for (ResultRecord r : ResultRecords.readAll(options.reuse())) {
                byKey.putIfAbsent(r.key(), r);
            }
        }
        return byKey;
    }

    /** The run's compressed dataset, built once under a lock; an identical existing one is kept. */
    private Path compressed(BenchRun run) {
        Path out = options.work().resolve("data").resolve(run.dataFolder());
        Map<String, String> methodOptions = methodOptions(run.method(), () -> scoresFor(run.dataset()), grid.teacher(),
                grid.firstTeacher());
        // one lock per dataset: a long synthesis does not hold up other processes' other datasets
        try (FileClaim lock = FileClaim.take(dataLock(run))) {
            Compressor.Outcome o = Compressor.run(source(run.dataset()), run.dataset(),
                    CompressionMethods.get(run.method().method()), run.ipc(),
                    run.seed(), methodOptions, out);
            if (!o.reused()) {
                log.accept("built " + out + " (" + o.manifest().images().size() + " images)");
            }
        }
        return out;
    }

    /**
     * The row's options plus the grid's scores and teacher for a method that needs them and names
     * none of its own: all the grid's teachers (comma-joined) for a method that takes several, the
     * first for one that takes one. They are part of the compressed dataset's identity, hence of run keys.
     */
    static Map<String, String> methodOptions(MethodEntry entry, Supplier<Path> scores, String teachers,
            String firstTeacher) {
        Map<String, String> options = new TreeMap<>(entry.options());
        MethodNeeds needs = entry.needs();
        if (needs.readsScores() && !options.containsKey(MethodNeeds.SCORES)) {
            options.put(MethodNeeds.SCORES, scores.get().toString());
        }
        if (needs.needsTeacher() && !options.containsKey(MethodNeeds.TEACHER)) {
            options.put(MethodNeeds.TEACHER, needs.teachers() == MethodNeeds.Teachers.SEVERAL ? teachers : firstTeacher);
        }
        return options;
    }

    private ImageDataset source(String dataset) {
        return sources.computeIfAbsent(dataset, d -> Datasets.open(d, Split.TRAIN, options.data()));
    }

    /** The dataset's scores folder: the grid's, or one scoring run made (and resumed) here. */
    Path scoresFor(String dataset) {
        return scores.computeIfAbsent(dataset, d -> {
            ScoresSpec spec = grid.scores();
            if (spec.existing()) {
                // a scores file of any tool, or a finished `condense score` folder
                if (!Files.isRegularFile(spec.path()) && !Files.isRegularFile(spec.path().resolve("card.json"))) {
                    throw new UserException("grid scores " + spec.path() + " is neither a scores file nor a finished scores folder (no card.json); "
                            + "run `condense score` into it or give `scores: {width: 32, epochs: 20}`");
                }
                return spec.path();
            }
            Path out = options.work().resolve("scores").resolve(d.replaceAll("[^A-Za-z0-9._-]", "_") + "-w" + spec.width()
                    + "-e" + spec.epochs() + "-k" + spec.k() + "-seed" + spec.seed());
            try (FileClaim lock = FileClaim.take(options.work().resolve("locks").resolve("scores.lock"))) {
                if (!Files.isRegularFile(out.resolve("card.json"))) {
                    ImageDataset train = source(d);
                    Protocol p = Protocols.load("score-sgd", Map.of("epochs", String.valueOf(spec.epochs())));
                    NetworkSpec net = NetworkSpec.of("convnet", train.channels(), train.height(), train.numClasses())
                            .withWidthDepth(spec.width(), 0);
                    log.accept("scoring " + d + " with " + ScoreJob.describe(net) + " for " + spec.epochs() + " epochs -> " + out);
                    new ScoreJob(log).run(new ScoreJob.Request(train, p, net, spec.k(), 1, spec.seed(), false, false, out));
                }
            }
            return out;
        });
    }

    /** Remaining time from the mean of the runs trained so far in this process. */
    private static final class Eta {
        private double seconds;
        private int n;

        void add(double s) {
            seconds += s;
            n++;
        }

        String describe(int remaining) {
            if (n == 0) {
                return "";
            }
            double left = seconds / n * remaining;
            return String.format(" (at most %d runs left, ETA %dh%02dm if none are done)", remaining, (long) left / 3600,
                    (long) left % 3600 / 60);
        }
    }

}
