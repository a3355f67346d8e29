package org.condense.bench;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.condense.UserException;
import org.condense.compress.TrainingData;
import org.condense.data.DataOptions;
import org.condense.evaluate.EvaluationRunner;
import org.condense.io.FileClaim;
import org.condense.io.Hashing;
import org.condense.labels.LabelInputs;
import org.condense.labels.Relabel;
import org.condense.train.Protocol;
import org.condense.train.TeacherStore;

/**
 * Stored soft labels of a grid: one folder per compressed dataset, resolved protocol and seed,
 * relabelled once under a lock and shared by every label pruning ratio of that run; the ratio is
 * part of each run's key.
 */
final class BenchLabels {
    private BenchLabels() {}

    /** The run's label folder under the work folder's {@code labels/} (its seed is in the data folder's name). */
    static Path folder(Path work, BenchRun run, Protocol protocol) {
        int k = run.protocol().topK();
        return work.resolve("labels").resolve(run.dataFolder() + "-p" + Hashing.sha256(protocol.resolved())
                .substring(0, 12) + (k > 0 ? "-top" + k : ""));
    }

    /** Whether relabel finished the folder (its index says complete); nothing is checked beyond that here. */
    static boolean complete(Path folder) {
        Path index = folder.resolve("labels.json");
        try {
            return Files.isRegularFile(index)
                    && ResultStore.JSON.readTree(index.toFile()).path("complete").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Relabels the run's data with the teacher unless done: an interrupted relabel resumes (each
     * epoch's files are written atomically), and another process relabelling it is waited for.
     */
    static Path relabel(Path work, BenchRun run, Protocol protocol, Path data, Path teacher, DataOptions options,
            Consumer<String> log) {
        Path out = folder(work, run, protocol);
        try (FileClaim lock = FileClaim.take(work.resolve("locks").resolve("labels-" + out.getFileName() + ".lock"))) {
            if (complete(out)) {
                return out;
            }
            Files.createDirectories(out);
            TrainingData training = TrainingData.open(data.toString(), options);
            LabelInputs.checkTeacher(teacher, training);
            log.accept("relabelling " + data.getFileName() + " for seed " + run.seed() + " -> " + out);
            Relabel.Request request = new Relabel.Request(training, LabelInputs.datasetSha256(data.toString(), training),
                    protocol, LabelInputs.teacherSha256(teacher), run.seed(), 0, false, run.protocol().topK(), out);
            try (NDManager manager = NDManager.newBaseManager()) {
                new Relabel(log).run(request, TeacherStore.load(teacher, manager, training.train().classNames()),
                        manager);
            }
        } catch (IOException e) {
            throw new UserException("cannot create " + out + " (" + e.getMessage() + "); give a writable --work");
        }
        return out;
    }

    /** The evaluation of {@code run}: with its stored labels and pruning ratio when it has them. */
    static EvaluationRunner.Request request(Path data, Protocol protocol, BenchRun run, Path teacher,
            List<Path> moreTeachers, Path labels, DataOptions options) {
        if (!run.storedLabels()) {
            return new EvaluationRunner.Request(data.toString(), protocol, run.model(), null, List.of(run.seed()),
                    teacher, null, options, null, null, 0, moreTeachers);
        }
        // the teacher is given too: labels made by another teacher are refused
        return new EvaluationRunner.Request(data.toString(), protocol, run.model(), null, List.of(run.seed()), teacher,
                null, options, null, labels, run.labelPrune(), List.of(), run.protocol().labelSelect());
    }
}
