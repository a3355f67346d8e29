package org.condense.score;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.condense.UserException;
import org.condense.Version;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.io.FileClaim;
import org.condense.io.Hashing;
import org.condense.model.NetworkSpec;
import org.condense.train.Checkpoints;
import org.condense.train.Durations;
import org.condense.train.ProgressListener;
import org.condense.train.Protocol;
import org.condense.train.Recipe;

/**
 * {@code condense score}: R independent scoring runs (seeds seed, seed+1, …) on a full training
 * set, each checkpointed per epoch under {@code out/checkpoint/run-<r>/}, averaged per sample and
 * written as a scores folder ({@link ScoreFiles}). Rerunning resumes; finished runs only reload.
 * The dataset is read through its own (streaming) accessors, never copied into memory.
 */
public final class ScoreJob {
    /** Below this width, libtorch 2.7.1's oneDNN gives nondeterministic or NaN conv gradients here. */
    public static final int MIN_CONVNET_WIDTH = 16;

    /**
     * @param k EL2N sums the first k epochs
     * @param unlearnedAsZero forgetting of never-learned samples is 0 (CCS) instead of their observation count
     * @param aumProbabilities AUM on softmax probabilities instead of logits
     */
    public record Request(ImageDataset train, Protocol protocol, NetworkSpec spec, int k,
            int runs, long seed, boolean unlearnedAsZero, boolean aumProbabilities, Path out) {

        public Request {
            Recipe r = protocol.recipe();
            require(k >= 1 && k <= r.epochs(), "--k " + k + " must be between 1 and the run's " + r.epochs()
                    + " epochs (EL2N sums the first K epochs); lower --k or raise --epochs");
            require(runs >= 1, "--runs must be at least 1, got " + runs);
            require(!r.softLabels(), "protocol " + protocol.name() + " uses soft labels; scores come from training "
                    + "on class labels: use a hard-label protocol such as score-sgd");
            double cutmix = r.augment().cutmix() == null ? 0 : r.augment().cutmix().prob();
            double mixup = r.augment().mixup() == null ? 0 : r.augment().mixup().prob();
            require(cutmix == 0 && mixup == 0, "protocol " + protocol.name()
                    + " mixes images (CutMix/Mixup), which blurs per-sample scores; set augment.cutmix.prob=0 and "
                    + "augment.mixup.prob=0");
            require(!spec.name().equals("convnet") || spec.width() >= MIN_CONVNET_WIDTH, "--width " + spec.width()
                    + " is too narrow: libtorch 2.7.1's oneDNN gives nondeterministic or NaN gradients for convnets "
                    + "narrower than " + MIN_CONVNET_WIDTH + " on this CPU build; use --width " + MIN_CONVNET_WIDTH
                    + " or more");
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new UserException(message);
            }
        }
    }

    private final Consumer<String> log;

    public ScoreJob(Consumer<String> log) {
        this.log = log;
    }

    public ScoreCard run(Request request) {
        long started = System.nanoTime();
        ImageDataset train = request.train();
        int epochs = request.protocol().recipe().epochs();
        List<Long> seeds = new ArrayList<>();
        for (int r = 0; r < request.runs(); r++) {
            seeds.add(request.seed() + r);
        }
        Normalization normalization = Normalization.ofSource(train);
        String dynamics = key(request, normalization);
        log.accept(String.format("scoring %s (%d images) with %s under %s: %d run(s) x %d epochs, K %d -> %s",
                train.name(), train.size(), describe(request.spec()), request.protocol().name(),
                request.runs(), epochs, request.k(), request.out()));
        Scores[] runs = new Scores[request.runs()];
        double[] accuracy = new double[request.runs()];
        double earlierProcesses = 0; // seconds spent before a resume, so the card reports the whole job
        // one claim per run, as evaluate and bench do: two processes on one --out never train the same run
        // (each takes the runs nobody holds, then reads the others' once they are finished)
        List<Integer> heldElsewhere = new ArrayList<>();
        for (int r = 0; r < request.runs(); r++) {
            FileClaim claim = FileClaim.tryTake(lockFile(request, r));
            if (claim == null) {
                log.accept(String.format("run %d/%d: another process is on it; its scores are read when it finishes",
                        r + 1, request.runs()));
                heldElsewhere.add(r);
                continue;
            }
            try {
                earlierProcesses += scoreRun(request, r, seeds.get(r), dynamics, normalization, runs, accuracy);
            } finally {
                claim.closeAndDelete();
            }
        }
        for (int r : heldElsewhere) {
            FileClaim claim = FileClaim.take(lockFile(request, r));
            try {
                earlierProcesses += scoreRun(request, r, seeds.get(r), dynamics, normalization, runs, accuracy);
            } finally {
                claim.closeAndDelete();
            }
        }
        Scores mean = Scores.mean(List.of(runs));
        ScoreCard card = new ScoreCard(ScoreCard.FORMAT, train.name(), train.size(), train.classNames(), request.spec(),
                request.protocol().name(), request.protocol().resolved(), epochs, request.k(), request.runs(), seeds,
                request.unlearnedAsZero() ? "zero" : "seen", request.aumProbabilities() ? "probabilities" : "logits",
                java.util.Arrays.stream(accuracy).boxed().toList(), List.copyOf(mean.columns().keySet()), Hashing.sha256(dynamics + "/seeds " + seeds),
                (System.nanoTime() - started) / 1e9 + earlierProcesses, Version.get());
        ScoreFiles.write(request.out(), mean, card);
        return card;
    }

    /** The claim of run {@code r}, beside its checkpoint folder. */
    private static Path lockFile(Request request, int r) {
        return request.out().resolve("checkpoint").resolve("run-" + r + ".lock");
    }

    /** Trains run {@code r} (or reloads it when finished earlier); returns the seconds earlier processes spent on it. */
    private double scoreRun(Request request, int r, long seed, String dynamics, Normalization normalization,
            Scores[] runs, double[] accuracy) {
        ImageDataset train = request.train();
        int epochs = request.protocol().recipe().epochs();
        ScoreRecorder recorder = new ScoreRecorder(train.size(), request.k(), epochs);
        Checkpoints checkpoints = new Checkpoints(request.out().resolve("checkpoint").resolve("run-" + r),
                Hashing.sha256(dynamics + "/seed " + seed));
        RunProgress progress = new RunProgress(request, r, recorder);
        ScoreRun.train(recorder, train, normalization, request.protocol().recipe(), request.spec(), seed,
                checkpoints, progress);
        if (!progress.trained) {
            log.accept(String.format("run %d/%d: finished earlier, scores reloaded from %s", r + 1, request.runs(),
                    request.out().resolve("checkpoint")));
        }
        runs[r] = recorder.scores(request.unlearnedAsZero(), request.aumProbabilities());
        accuracy[r] = recorder.trainAccuracy(epochs - 1);
        return checkpoints.priorSeconds();
    }

    /** The network for progress lines: its name, and the width of a convnet (the proxy's knob). */
    public static String describe(NetworkSpec spec) {
        return spec.name().equals("convnet") ? "convnet width " + spec.width() : spec.name();
    }

    /** Progress per epoch: the run, the training line, samples scored so far and the ETA of all runs. */
    private final class RunProgress implements ProgressListener {
        private final Request request;
        private final int run;
        private final ScoreRecorder recorder;
        /** Whether this invocation trained any epoch of the run (false: it was finished before). */
        boolean trained;

        RunProgress(Request request, int run, ScoreRecorder recorder) {
            this.request = request;
            this.run = run;
            this.recorder = recorder;
        }

        @Override
        public void epochDone(EpochStats stats) {
            if (!trained && stats.epoch() > 0) {
                log.accept(String.format("run %d/%d: resumed from the checkpoint of epoch %d", run + 1, request.runs(),
                        stats.epoch()));
            }
            trained = true;
            long perRun = (long) request.train().size() * stats.epochs();
            double epochSeconds = request.train().size() / Math.max(1e-9, stats.imagesPerSecond());
            double eta = stats.etaSeconds() + (request.runs() - run - 1) * stats.epochs() * epochSeconds;
            log.accept(String.format("run %d/%d  %s  scored %d of %d images  total ETA %s", run + 1, request.runs(),
                    stats.line(), run * perRun + recorder.observations(), request.runs() * perRun,
                    Durations.format(eta)));
        }
    }

    /**
     * Everything but the seed that determines a run's recorded dynamics; the finalisation options
     * (forgetting of unlearned samples, AUM margin) apply afterwards and are not part of it.
     */
    private static String key(Request request, Normalization normalization) {
        ObjectNode id = ScoreFiles.JSON.createObjectNode();
        id.put("recorder", "score-recorder/1");
        // a dataset given by path counts by its folder's name (with its size, classes and pixel statistics
        // below), so a moved dataset resumes its scoring; a named one (cifar10) is its name, as before
        String name = request.train().name();
        id.put("dataset", name.contains("/") || name.contains(java.io.File.separator)
                ? String.valueOf(Path.of(name).getFileName()) : name);
        id.put("size", request.train().size());
        id.set("classes", ScoreFiles.JSON.valueToTree(request.train().classNames()));
        id.set("protocol", request.protocol().resolved());
        id.set("network", ScoreFiles.JSON.valueToTree(request.spec()));
        id.put("k", request.k());
        id.set("normalization", ScoreFiles.JSON.valueToTree(normalization));
        return Hashing.sha256(id);
    }
}
