package org.condense.evaluate;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.condense.UserException;
import org.condense.Version;
import org.condense.compress.CompressedDataset;
import org.condense.compress.LegacyDataIdentity;
import org.condense.compress.TrainingData;
import org.condense.data.DataOptions;
import org.condense.data.Datasets;
import org.condense.data.ExternalData;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.data.Split;
import org.condense.io.AtomicFiles;
import org.condense.io.FileClaim;
import org.condense.io.Hashing;
import org.condense.io.OutputPaths;
import org.condense.labels.LabelInputs;
import org.condense.labels.LabelSelect;
import org.condense.labels.StoredLabels;
import org.condense.model.NetworkSpec;
import org.condense.model.Networks;
import org.condense.train.Checkpoints;
import org.condense.train.ProgressListener;
import org.condense.train.Protocol;
import org.condense.train.Teacher;
import org.condense.train.TeacherCard;
import org.condense.train.TeacherStore;
import org.condense.train.TrainingLoop;
import org.condense.model.Devices;

/**
 * The benchmark's core: trains a fresh network on a (compressed) training set under a protocol,
 * once per seed, tests it on the source test set and writes one JSON record per run.
 *
 * <p>A record's file name is a hash of everything that determines the run, so a rerun finds
 * finished runs and skips them, and two different runs never overwrite each other.
 */
public final class EvaluationRunner {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @param data a compressed dataset folder, or the name of a full dataset (trains on all of it), or
     *     with {@code folder} a plain image folder that another tool made
     * @param teacherDir teacher for soft-label protocols, or null
     * @param folder how to read {@code data} as a plain image folder, or null
     * @param labelsDir soft labels stored by {@code condense relabel} (the folder, or a folder of
     *     {@code seed-S} folders), used instead of an online teacher; or null
     * @param labelPrune LPLD label pruning ratio for stored labels (0: replay every record in order)
     * @param moreTeachers teachers after {@code teacherDir} whose logits an ensemble protocol
     *     ({@code gvbsm-soft}) combines with its; empty for every other protocol
     * @param labelSelect with {@code labelPrune}, which records the run keeps (null: the default rule)
     */
    public record Request(String data, Protocol protocol, String model, String norm, List<Long> seeds,
            Path teacherDir, Path outDir, DataOptions dataOptions, FolderSource folder, Path labelsDir,
            double labelPrune, List<Path> moreTeachers, LabelSelect labelSelect) {
        public Request {
            moreTeachers = moreTeachers == null ? List.of() : List.copyOf(moreTeachers);
            labelSelect = labelSelect == null ? LabelSelect.DEFAULT : labelSelect;
        }

        public Request(String data, Protocol protocol, String model, String norm, List<Long> seeds,
                Path teacherDir, Path outDir, DataOptions dataOptions, FolderSource folder, Path labelsDir,
                double labelPrune, List<Path> moreTeachers) {
            this(data, protocol, model, norm, seeds, teacherDir, outDir, dataOptions, folder, labelsDir, labelPrune,
                    moreTeachers, null);
        }

        public Request(String data, Protocol protocol, String model, String norm, List<Long> seeds, Path teacherDir,
                Path outDir, DataOptions dataOptions, FolderSource folder, Path labelsDir, double labelPrune) {
            this(data, protocol, model, norm, seeds, teacherDir, outDir, dataOptions, folder, labelsDir, labelPrune,
                    List.of());
        }

        /** Every online teacher, first {@code teacherDir}; empty without one. */
        public List<Path> teachers() {
            List<Path> all = new ArrayList<>();
            if (teacherDir != null) {
                all.add(teacherDir);
            }
            all.addAll(moreTeachers);
            return all;
        }
        public Request(String data, Protocol protocol, String model, String norm, List<Long> seeds, Path teacherDir,
                Path outDir, DataOptions dataOptions, FolderSource folder) {
            this(data, protocol, model, norm, seeds, teacherDir, outDir, dataOptions, folder, null, 0);
        }

        public Request(String data, Protocol protocol, String model, String norm, List<Long> seeds, Path teacherDir,
                Path outDir, DataOptions dataOptions) {
            this(data, protocol, model, norm, seeds, teacherDir, outDir, dataOptions, null);
        }
    }

    /**
     * A plain image folder's test set ({@code cifar10}, {@code fashion-mnist}, {@code mnist} or a
     * path), the combine factor of its images, its label (null: the folder's name), and whether
     * classes without a folder are allowed.
     */
    public record FolderSource(String test, int factor, String label, boolean allowMissingClasses) {}

    /** Where {@code condense evaluate} keeps the checkpoints of unfinished runs, inside --out. */
    static final String CHECKPOINT_FOLDER = ".checkpoints";
    /** Short epochs: a checkpoint per minute costs little and loses at most a minute. */
    public static final double CHECKPOINT_SECONDS = 60;

    private final Consumer<String> log;
    private double checkpointSeconds = CHECKPOINT_SECONDS;

    public EvaluationRunner(Consumer<String> log) {
        this.log = log;
    }

    /** Saves a run's checkpoint at most every {@code seconds} (0: after every epoch) instead of {@value #CHECKPOINT_SECONDS}. */
    public EvaluationRunner checkpointEvery(double seconds) {
        if (!(seconds >= 0)) {
            throw new UserException("--checkpoint-seconds must be 0 or more, got " + seconds);
        }
        this.checkpointSeconds = seconds;
        return this;
    }

    public List<ResultRecord> run(Request request) {
        OutputPaths.requireWritableFolder(request.outDir(), "--out");
        Plan plan = plan(request);
        List<ResultRecord> records = new ArrayList<>();
        for (long seed : request.seeds()) {
            ResultRecord r = runOne(plan, seed);
            if (r != null) {
                records.add(r);
            }
        }
        return records;
    }

    /** Opens and checks the data, test set, teacher and network of a request, without training. */
    public Plan plan(Request request) {
        TrainingData data = request.folder() == null ? TrainingData.open(request.data(), request.dataOptions())
                : openFolder(request);
        ImageDataset test = Datasets.open(data.sourceDataset(), Split.TEST, request.dataOptions());
        if (test.height() != data.train().height() || test.channels() != data.train().channels()) {
            throw new UserException("training images are " + data.train().channels() + "×" + data.train().height()
                    + " px but the test set of " + data.sourceDataset() + " is " + test.channels() + "×" + test.height()
                    + " px; compress at the source resolution");
        }
        if (!test.classNames().equals(data.train().classNames())) {
            throw new UserException("classes of " + request.data() + " differ from those of " + data.sourceDataset());
        }
        if (request.labelsDir() != null && !request.protocol().recipe().softLabels()) {
            throw new UserException("--labels gives stored soft labels but protocol " + request.protocol().name()
                    + " uses hard labels; use a soft-label protocol such as standard-soft");
        }
        if (request.labelsDir() == null && request.labelPrune() != 0) {
            throw new UserException("--label-prune prunes stored soft labels; give them with --labels DIR");
        }
        if (request.labelsDir() == null && request.labelSelect() != LabelSelect.DEFAULT) {
            throw new UserException("--label-select picks records of stored soft labels; give them with --labels DIR");
        }
        if (request.protocol().recipe().softLabels() && !(request.labelsDir() != null && request.teacherDir() == null)) {
            if (request.teacherDir() == null) {
                throw new UserException("protocol " + request.protocol().name() + " uses soft labels but no teacher was "
                        + "given; pass --teacher DIR (train one with `condense train`) or use a hard-label protocol");
            }
            checkTeachers(request, test, data);
        } else if (!request.moreTeachers().isEmpty()) {
            throw new UserException("several --teacher folders are given but protocol " + request.protocol().name()
                    + (request.protocol().recipe().softLabels() ? " reads stored labels" : " uses hard labels")
                    + "; give at most one");
        }
        NetworkSpec spec = NetworkSpec.of(request.model(), test.channels(), test.height(), test.numClasses());
        if (request.norm() != null) {
            spec = spec.withNorm(request.norm());
        }
        Networks.validate(spec); // a typo in --model fails here, not after the data is loaded for training
        Plan plan = new Plan(request, data, test, spec);
        for (long seed : request.seeds()) {
            plan.storedLabels(seed); // wrong or damaged labels fail now, before any training
        }
        return plan;
    }

    /** Every teacher must know the data's classes, in order, and read its normalisation. */
    private static void checkTeachers(Request request, ImageDataset test, TrainingData data) {
        List<Path> dirs = request.teachers();
        if (dirs.size() > 1 && !request.protocol().recipe().takesSeveralTeachers()) {
            throw new UserException("protocol " + request.protocol().name() + " labels with one teacher but "
                    + dirs.size() + " were given; give one, or use a protocol with an ensemble such as gvbsm-soft");
        }
        TeacherCard first = TeacherStore.card(dirs.get(0));
        for (Path dir : dirs.subList(1, dirs.size())) {
            TeacherCard card = TeacherStore.card(dir);
            if (!card.classes().equals(first.classes())) {
                throw new UserException("teachers disagree on the classes: " + dirs.get(0) + " has " + first.classes()
                        + " but " + dir + " has " + card.classes() + "; give teachers of the same dataset");
            }
        }
        for (Path dir : dirs) {
            TeacherCard card = TeacherStore.checkedCard(dir, test.classNames());
            // teacher and student see the same normalised batch: it must be the one the teacher learned on
            if (!close(card.mean(), data.normalization().mean()) || !close(card.std(), data.normalization().std())) {
                throw new UserException("teacher in " + dir + " was trained with normalisation mean "
                        + Arrays.toString(card.mean()) + " std " + Arrays.toString(card.std()) + ", the data uses mean "
                        + Arrays.toString(data.normalization().mean()) + "; use a teacher of the same source dataset");
            }
        }
    }

    private static TrainingData openFolder(Request request) {
        Path folder = Path.of(request.data());
        if (CompressedDataset.isCompressedDataset(folder)) {
            throw new UserException(request.data() + " is a compressed dataset (it has a manifest.json naming its "
                    + "source); evaluate it without --test, --factor and --label");
        }
        FolderSource f = request.folder();
        return FolderTrainingData.of(ExternalData.open(folder, f.test(), f.factor(), f.label(), f.allowMissingClasses(),
                request.dataOptions()));
    }

    /** The seed's record: done earlier, or trained now; null when another process is training it. */
    private ResultRecord runOne(Plan plan, long seed) {
        String key = plan.key(seed);
        // as bench does: one claim per run key, so two processes on one --out never share a checkpoint
        Path checkpoints = plan.request.outDir().resolve(CHECKPOINT_FOLDER);
        Path lockFile = checkpoints.resolve(key + ".lock");
        FileClaim claim = FileClaim.tryTake(lockFile);
        if (claim == null) {
            log.accept(String.format("seed %d: another process is on it (%s); skipped, rerun later to collect its "
                    + "record", seed, lockFile));
            return null;
        }
        ResultRecord record;
        try {
            record = runClaimed(plan, seed, key);
        } finally {
            claim.closeAndDelete();
        }
        try {
            // --out holds only records once nothing is in progress
            Files.deleteIfExists(checkpoints);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // another process sharing --out has a run in progress
        } catch (IOException e) {
            log.accept("cannot remove the empty " + checkpoints + ": " + e.getMessage());
        }
        return record;
    }

    private ResultRecord runClaimed(Plan plan, long seed, String key) {
        Path file = plan.recordFile(plan.request.outDir(), seed, key);
        if (Files.isRegularFile(file)) {
            try {
                ResultRecord done = JSON.readValue(file.toFile(), ResultRecord.class);
                log.accept(String.format("seed %d: already done (%s), top-1 %.2f%%", seed, file.getFileName(), done.top1()));
                return done;
            } catch (IOException e) {
                throw new UserException("result " + file + " is corrupt (" + e.getMessage().split("\n")[0]
                        + "); delete it to rerun that seed");
            }
        }
        Path checkpoints = plan.request.outDir().resolve(CHECKPOINT_FOLDER);
        ResultRecord record = plan.train(seed, checkpoints, checkpointSeconds, ProgressListener.SILENT);
        try {
            AtomicFiles.write(file, out -> JSON.writeValue(out, record));
        } catch (IOException e) {
            throw new UserException("cannot write result " + file + " (" + e + "); free space or give a writable --out");
        }
        log.accept(String.format("seed %d: -> %s", seed, file));
        return record;
    }

    /** A checked request: what one seed's run needs, and the key that identifies it. */
    public final class Plan {
        private final Request request;
        private final TrainingData data;
        private final ImageDataset test;
        private final NetworkSpec spec;
        // opening stored labels verifies every label file's hash: once per seed
        private final Map<Long, StoredLabels> labelsBySeed = new HashMap<>();
        private String datasetSha256;
        private String teacherSha256;
        private String teacherId;

        private Plan(Request request, TrainingData data, ImageDataset test, NetworkSpec spec) {
            this.request = request;
            this.data = data;
            this.test = test;
            this.spec = spec;
        }

        public TrainingData data() {
            return data;
        }

        /** The online teacher by content ({@code sha256:} of its weights), or null when the run has none. */
        private String teacherId() {
            if (request.teacherDir() == null || !request.protocol().recipe().softLabels() || request.labelsDir() != null) {
                return null;
            }
            if (teacherId == null) {
                // one teacher keeps the identity every finished run was keyed by; an ensemble lists each
                teacherId = String.join(",", request.teachers().stream()
                        .map(t -> "sha256:" + TeacherStore.weightsSha256(t)).toList());
            }
            return teacherId;
        }

        /** The run's stored labels, checked against its data, protocol, seed and teacher; null if online. */
        StoredLabels storedLabels(long seed) {
            if (request.labelsDir() == null) {
                return null;
            }
            return labelsBySeed.computeIfAbsent(seed, this::openLabels);
        }

        private StoredLabels openLabels(long seed) {
            Path dir = request.labelsDir();
            Path perSeed = dir.resolve("seed-" + seed);
            if (!Files.isRegularFile(dir.resolve("labels.json")) && Files.isDirectory(perSeed)) {
                dir = perSeed;
            }
            if (datasetSha256 == null) {
                datasetSha256 = LabelInputs.datasetSha256(request.data(), data);
                teacherSha256 = request.teacherDir() == null ? null : LabelInputs.teacherSha256(request.teacherDir());
            }
            return StoredLabels.open(dir).checkInputs(datasetSha256, LabelInputs.protocolSha256(request.protocol()),
                    seed, teacherSha256).checkTemperature(request.protocol().recipe().temperature())
                    .pruned(request.labelPrune(), request.labelSelect());
        }

        /** A hash of everything that determines the run: data, resolved protocol, network, teacher, seed. */
        public String key(long seed) {
            StoredLabels labels = storedLabels(seed);
            return RunKey.of(data.identity(), request.protocol().resolved(), spec, teacherId(), seed,
                    labels == null ? null : labels.sha256(), labels == null ? 0 : labels.prune(),
                    labels == null ? LabelSelect.DEFAULT : labels.select());
        }

        /**
         * The keys this run may have had before runs were named by content: a compressed dataset's
         * inputs and the online teachers by path (what {@link OutFolderMigration} finds old files by).
         */
        List<String> legacyKeys(long seed) {
            Path folder = Path.of(request.data());
            List<Object> identities = new ArrayList<>();
            if (request.folder() == null && CompressedDataset.isCompressedDataset(folder)) {
                // inputs as absolute paths; the oldest manifests kept them as given, which is tried too
                identities.addAll(LegacyDataIdentity.candidates(folder.toAbsolutePath().normalize(),
                        CompressedDataset.readManifest(folder.resolve("manifest.json"))));
            } else {
                identities.add(data.identity());
            }
            String teacher = teacherId() == null ? null : String.join(",", request.teachers().stream()
                    .map(t -> t.toAbsolutePath().normalize().toString()).toList());
            StoredLabels labels = storedLabels(seed);
            return identities.stream().map(identity -> RunKey.of(identity, request.protocol().resolved(), spec, teacher,
                    seed, labels == null ? null : labels.sha256(), labels == null ? 0 : labels.prune()))
                    .distinct().toList();
        }

        /** The online teacher as records name it today ({@code sha256:} of its weights), or null. */
        String recordTeacher() {
            return teacherId();
        }

        /** The file of the seed's record in {@code out}, named by its key. */
        Path recordFile(Path out, long seed, String key) {
            return out.resolve(data.label() + "__" + request.protocol().name() + "__" + spec.name() + "__seed" + seed
                    + "__" + key + ".json");
        }

        /** Trains a fresh network with this seed and tests it; writes nothing. */
        public ResultRecord train(long seed) {
            return train(seed, null);
        }

        /**
         * Trains and tests with a checkpoint under {@code checkpointRoot} (a folder per run key,
         * saved at most every {@value #CHECKPOINT_SECONDS} s), so that a killed run resumes where it
         * stopped and gives the same result; the checkpoint is deleted once the run is tested.
         */
        public ResultRecord train(long seed, Path checkpointRoot) {
            return train(seed, checkpointRoot, CHECKPOINT_SECONDS, ProgressListener.SILENT);
        }

        /** As {@link #train(long, Path)}; {@code onEpoch} sees every finished epoch (tests interrupt a run there). */
        ResultRecord train(long seed, Path checkpointRoot, double checkpointSeconds, ProgressListener onEpoch) {
            Protocol protocol = request.protocol();
            ImageDataset train = data.train();
            log.accept(String.format("seed %d: training %s on %d images of %s under %s (%d epochs)", seed, spec.name(),
                    train.size(), data.label(), protocol.name(), protocol.recipe().epochs()));
            long start = System.nanoTime();
            Accuracy accuracy;
            Checkpoints checkpoints;
            StoredLabels labels = storedLabels(seed);
            try (NDManager manager = Devices.newManager()) {
                Block student = Networks.create(spec);
                Networks.initialize(student, manager, spec, seed);
                List<Teacher> teachers = new ArrayList<>();
                if (protocol.recipe().softLabels() && labels == null) {
                    for (Path dir : request.teachers()) {
                        teachers.add(TeacherStore.load(dir, manager, test.classNames()));
                    }
                }
                ProgressListener progress = stats -> {
                    if (shouldLog(stats.epoch(), stats.epochs())) {
                        log.accept("  " + stats.line());
                    }
                    onEpoch.epochDone(stats);
                };
                checkpoints = checkpointRoot == null ? null
                        : new Checkpoints(checkpointRoot.resolve(key(seed)), key(seed)).savingAtMostEvery(checkpointSeconds);
                new TrainingLoop(protocol.recipe(), seed, progress).onComposites(data.factor()).withStoredLabels(labels)
                        .fitWithTeachers(student, manager, train, data.normalization(), teachers, checkpoints);
                accuracy = Evaluator.evaluate(student, manager, test, data.normalization(), protocol.recipe().evalBatchSize());
            }
            // a resumed run counts the earlier processes' training too
            double wall = (System.nanoTime() - start) / 1e9 + (checkpoints == null ? 0 : checkpoints.priorSeconds());
            if (checkpoints != null) {
                if (checkpoints.resumedEpochs() > 0) {
                    log.accept(String.format("seed %d: resumed after epoch %d of an earlier process", seed,
                            checkpoints.resumedEpochs()));
                }
                checkpoints.discard();
            }
            // measured bytes when labels were stored; the estimate only for an online teacher
            long softLabelBytes = protocol.recipe().softLabels() && labels == null
                    ? (long) protocol.recipe().epochs() * train.size() * test.numClasses() * 2
                    : 0;
            long labelBytes = data.bytesLabels() + (labels == null ? 0 : labels.bytesUsed());
            ObjectNode config = protocol.resolved();
            String teacherName = teacherId();
            if (labels != null) {
                config = config.deepCopy();
                config.put("label_source", "stored");
                config.put("label_prune", labels.prune());
                if (labels.select() != LabelSelect.DEFAULT) { // records before the rules existed stay as they were
                    config.put("label_select", labels.select().id());
                }
                teacherName = "sha256:" + labels.header().teacherSha256();
            }
            log.accept(String.format("seed %d: top-1 %.2f%%  top-5 %.2f%%  (%.0f s)", seed, accuracy.top1(),
                    accuracy.top5(), wall));
            return new ResultRecord(key(seed), data.label(), data.sourceDataset(), data.method(), data.variant(),
                    data.ipc(), data.dataSeed(), protocol.name(), config, spec, teacherName, seed,
                    accuracy.top1(), accuracy.top5(), accuracy.perClass(), accuracy.samples(), train.size(),
                    data.bytesImages(), labelBytes, softLabelBytes, wall, Version.get(), org.condense.Provenance.now());
        }
    }

    private static boolean close(float[] a, float[] b) {
        if (a == null || b == null || a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-3) {
                return false;
            }
        }
        return true;
    }

    /** About ten progress lines per run, plus the first and last epoch. */
    static boolean shouldLog(int epoch, int epochs) {
        return epoch == 0 || epoch == epochs - 1 || (epoch + 1) % Math.max(1, epochs / 10) == 0;
    }
}
