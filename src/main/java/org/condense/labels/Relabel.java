package org.condense.labels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.condense.UserException;
import org.condense.random.Permutations;
import org.condense.random.Seeds;
import org.condense.data.ImageDataset;
import org.condense.train.Protocol;
import org.condense.compress.TrainingData;
import org.condense.io.AtomicFiles;
import org.condense.io.Hashing;
import org.condense.train.Augmentations;
import org.condense.train.Batch;
import org.condense.train.BatchLoader;
import org.condense.train.Recipe;
import org.condense.train.Teacher;

/**
 * Pre-generates what the online teacher of a soft-label run with one seed would produce: for
 * every epoch and batch, the samples, their augmentation and the teacher's logits, one set of
 * files per epoch, each written atomically. A rerun keeps the finished epochs and goes on.
 */
public final class Relabel {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @param labelPrune store only the records a run at that ratio keeps (the first (1 − r) of them)
     * @param fp32 logits as float32 instead of float16 (exact replay of the online teacher)
     * @param topK 0: every class's logit; K: each row's K largest logits and one logit for the rest
     * @param labelSelect the rule whose pool of records is stored at ratio {@code labelPrune}
     */
    public record Request(TrainingData data, String datasetSha256, Protocol protocol, String teacherSha256,
            long seed, double labelPrune, boolean fp32, int topK, Path out, LabelSelect labelSelect) {
        public Request {
            labelSelect = labelSelect == null ? LabelSelect.DEFAULT : labelSelect;
        }

        public Request(TrainingData data, String datasetSha256, Protocol protocol, String teacherSha256, long seed,
                double labelPrune, boolean fp32, int topK, Path out) {
            this(data, datasetSha256, protocol, teacherSha256, seed, labelPrune, fp32, topK, out, null);
        }

        public Request(TrainingData data, String datasetSha256, Protocol protocol, String teacherSha256, long seed,
                double labelPrune, boolean fp32, Path out) {
            this(data, datasetSha256, protocol, teacherSha256, seed, labelPrune, fp32, 0, out);
        }
    }

    private final Consumer<String> log;
    private IntConsumer afterEpoch = e -> {};

    public Relabel(Consumer<String> log) {
        this.log = log;
    }

    /** Called after each epoch's files are on disk (tests interrupt a run there). */
    public Relabel afterEpoch(IntConsumer listener) {
        this.afterEpoch = listener;
        return this;
    }

    public LabelHeader run(Request request, Teacher teacher, NDManager manager) {
        Recipe recipe = request.protocol().recipe();
        if (!recipe.softLabels()) {
            throw new UserException("protocol " + request.protocol().name() + " uses hard labels; relabel needs a "
                    + "soft-label protocol such as standard-soft");
        }
        ImageDataset train = request.data().train();
        if (request.topK() < 0 || request.topK() >= train.numClasses()) {
            throw new UserException("--top-k must be between 1 and " + (train.numClasses() - 1) + " (the data has "
                    + train.numClasses() + " classes), or 0 to store every class's logit; got " + request.topK());
        }
        LabelHeader header = header(request, train);
        Path headerFile = request.out().resolve(LabelLayout.HEADER);
        LabelHeader existing = readExisting(headerFile);
        if (existing != null && !existing.inProgress().equals(header)) {
            throw new UserException(request.out() + " holds labels of other inputs or settings (" + difference(existing,
                    header) + "); give another --out or delete it");
        }
        if (existing != null && existing.complete()) {
            log.accept("labels in " + request.out() + " are complete");
            return existing;
        }
        writeHeader(headerFile, header);
        LabelLayout layout = header.layout();
        AugmentRecorder recorder = new AugmentRecorder(recipe.augment(), train.height(), train.width());
        for (int epoch = 0; epoch < recipe.epochs() && layout.batchesStored(epoch) > 0; epoch++) {
            if (isDone(request.out(), header, epoch)) {
                continue;
            }
            writeEpoch(request, header, recorder, teacher, manager, epoch);
            log.accept(String.format("  epoch %d/%d labelled (%d batches)", epoch + 1, recipe.epochs(),
                    layout.batchesStored(epoch)));
            afterEpoch.accept(epoch);
        }
        LabelHeader done = header.completed(fileEntries(request.out(), layout, recipe.epochs(), header.topK() != null));
        writeHeader(headerFile, done);
        return done;
    }

    private static LabelHeader header(Request request, ImageDataset train) {
        Recipe recipe = request.protocol().recipe();
        LabelLayout full = new LabelLayout(train.size(), recipe.batchSize(), recipe.epochs(), 0);
        long stored = request.labelSelect().kept(recipe.epochs(), full.batchesPerEpoch(), request.labelPrune());
        AugmentRecorder recorder = new AugmentRecorder(recipe.augment(), train.height(), train.width());
        boolean wide = Math.max(recipe.batchSize(), Math.max(train.height(), train.width())) > Short.MAX_VALUE;
        boolean topK = request.topK() > 0;
        return new LabelHeader(LabelHeader.FORMAT, topK ? LabelHeader.VERSION_TOP_K : LabelHeader.VERSION,
                request.datasetSha256(), request.teacherSha256(),
                LabelInputs.protocolSha256(request.protocol()), request.protocol().resolved(), request.seed(),
                recipe.epochs(), recipe.batchSize(), train.size(), train.numClasses(), train.channels(), train.height(),
                train.width(), full.batchesPerEpoch(), full.recordsTotal(), stored, request.labelPrune(),
                request.fp32() ? "<f4" : "<f2", wide ? "<i4" : "<i2", AugmentRecorder.COLUMNS,
                recorder.cropsRecorded(), recorder.mix(), topK ? request.topK() : null,
                topK ? recipe.temperature() : null, false, null);
    }

    /** An epoch is done when its logits file (and, for top-k, its classes file, written after it) is whole. */
    private static boolean isDone(Path dir, LabelHeader header, int epoch) {
        Path logits = dir.resolve(LabelLayout.logitsFile(epoch));
        Path classes = dir.resolve(LabelLayout.classesFile(epoch));
        if (!Files.isRegularFile(logits) || !Files.isRegularFile(dir.resolve(LabelLayout.samplesFile(epoch)))
                || !Files.isRegularFile(dir.resolve(LabelLayout.augmentFile(epoch)))
                || (header.topK() != null && !Files.isRegularFile(classes))) {
            return false;
        }
        try {
            int rows = header.layout().rows(epoch);
            return NpyHeader.read(logits).equals(NpyHeader.matrix(header.logitsDtype(), rows, header.logitColumns()))
                    && (header.topK() == null || NpyHeader.read(classes).equals(classesShape(header, rows)));
        } catch (UserException damaged) {
            return false; // written again
        }
    }

    /** Top-k class indices: int16 (int32 past 32767 classes) {@code [rows, k]}. */
    static NpyHeader classesShape(LabelHeader header, int rows) {
        return NpyHeader.matrix(header.classes() > Short.MAX_VALUE ? "<i4" : "<i2", rows, header.topK());
    }

    private void writeEpoch(Request request, LabelHeader header, AugmentRecorder recorder, Teacher teacher,
            NDManager manager, int epoch) {
        LabelLayout layout = header.layout();
        ImageDataset train = request.data().train();
        Recipe recipe = request.protocol().recipe();
        int[] order = Permutations.random(train.size(), Seeds.forEpochOrder(request.seed(), epoch));
        List<BatchLoader.Slice> slices = BatchLoader.slices(order, recipe.batchSize(), epoch)
                .subList(0, layout.batchesStored(epoch));
        int rows = layout.rows(epoch);
        Path dir = request.out();
        try {
            int[] samples = new int[rows];
            int[] augment = new int[rows * AugmentRecorder.COLUMNS.size()];
            for (BatchLoader.Slice s : slices) {
                int at = s.batch() * recipe.batchSize();
                System.arraycopy(s.indices(), 0, samples, at, s.indices().length);
                int[] a = recorder.rows(s, request.seed(), recipe.batchSize());
                System.arraycopy(a, 0, augment, at * AugmentRecorder.COLUMNS.size(), a.length);
            }
            writeInts(dir.resolve(LabelLayout.samplesFile(epoch)), NpyHeader.vector("<i4", rows), samples);
            writeInts(dir.resolve(LabelLayout.augmentFile(epoch)),
                    NpyHeader.matrix(header.augmentDtype(), rows, AugmentRecorder.COLUMNS.size()), augment);
            NpyHeader logits = NpyHeader.matrix(header.logitsDtype(), rows, header.logitColumns());
            int k = header.kept();
            int[] classes = new int[header.topK() == null ? 0 : rows * k]; // one epoch's, written after its logits
            // streamed batch by batch: memory holds one batch of logits, whatever the epoch's size
            AtomicFiles.write(dir.resolve(LabelLayout.logitsFile(epoch)), raw -> {
                OutputStream out = new BufferedOutputStream(raw, 1 << 16);
                out.write(logits.encode());
                try (BatchLoader batches = new BatchLoader(train, request.data().normalization(), slices,
                        recipe.batchSize(), Augmentations.sampleAugmentation(recipe.augment(), train.height(),
                                request.data().factor()), Augmentations.batchAugmentation(recipe.augment()),
                        request.seed())) {
                    int row = 0;
                    while (batches.hasNext()) {
                        float[] t = teacherLogits(teacher, manager, batches.next());
                        if (header.topK() != null) {
                            t = topK(t, header, classes, row);
                        }
                        row += t.length / header.logitColumns();
                        out.write(encode(t, logits.descr()));
                    }
                }
                out.flush();
            });
            if (header.topK() != null) {
                writeInts(dir.resolve(LabelLayout.classesFile(epoch)), classesShape(header, rows), classes);
            }
        } catch (IOException e) {
            throw new UserException("cannot write labels in " + dir + " (" + e.getMessage() + "); free space or give "
                    + "a writable --out");
        }
    }

    private static float[] teacherLogits(Teacher teacher, NDManager manager, Batch batch) {
        try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
            NDArray x = step.create(batch.images(),
                    new Shape(batch.size(), batch.channels(), batch.height(), batch.width()));
            return teacher.logits(x).toFloatArray();
        }
    }

    /** One batch's rows cut to their top-k logits and the others' logit; their classes go to {@code classes} from {@code row}. */
    private static float[] topK(float[] logits, LabelHeader header, int[] classes, int row) {
        int c = header.classes();
        int k = header.topK();
        int rows = logits.length / c;
        float[] out = new float[rows * (k + 1)];
        float[] values = new float[k + 1];
        int[] indices = new int[k];
        for (int r = 0; r < rows; r++) {
            TopKLogits.keep(logits, r * c, c, k, header.topKTemperature(), values, indices);
            System.arraycopy(values, 0, out, r * (k + 1), k + 1);
            System.arraycopy(indices, 0, classes, (row + r) * k, k);
        }
        return out;
    }

    static byte[] encode(float[] values, String descr) {
        boolean half = descr.equals("<f2");
        ByteBuffer b = ByteBuffer.allocate(values.length * (half ? 2 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            if (half) {
                b.putShort(Half.fromFloat(v));
            } else {
                b.putFloat(v);
            }
        }
        return b.array();
    }

    private static void writeInts(Path file, NpyHeader header, int[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * header.itemSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            if (header.itemSize() == 2) {
                b.putShort((short) v);
            } else {
                b.putInt(v);
            }
        }
        AtomicFiles.write(file, out -> {
            out.write(header.encode());
            out.write(b.array());
        });
    }

    private static Map<String, LabelHeader.FileEntry> fileEntries(Path dir, LabelLayout layout, int epochs,
            boolean topK) {
        Map<String, LabelHeader.FileEntry> entries = new TreeMap<>();
        try {
            for (int e = 0; e < epochs && layout.batchesStored(e) > 0; e++) {
                List<String> names = new java.util.ArrayList<>(List.of(LabelLayout.samplesFile(e),
                        LabelLayout.augmentFile(e), LabelLayout.logitsFile(e)));
                if (topK) {
                    names.add(LabelLayout.classesFile(e));
                }
                for (String name : names) {
                    Path f = dir.resolve(name);
                    entries.put(name, new LabelHeader.FileEntry(Files.size(f), Hashing.sha256(f)));
                }
            }
        } catch (IOException e) {
            throw new UserException("cannot read back labels in " + dir + ": " + e.getMessage());
        }
        return entries;
    }

    private static LabelHeader readExisting(Path headerFile) {
        if (!Files.isRegularFile(headerFile)) {
            return null;
        }
        try {
            return JSON.readValue(headerFile.toFile(), LabelHeader.class);
        } catch (IOException e) {
            throw new UserException(headerFile + " is not a label index (" + e.getMessage().split("\n")[0]
                    + "); give another --out or delete it");
        }
    }

    private static void writeHeader(Path file, LabelHeader header) {
        try {
            AtomicFiles.write(file, out -> JSON.writeValue(out, header));
        } catch (IOException e) {
            throw new UserException("cannot write " + file + " (" + e.getMessage() + ")");
        }
    }

    /** The first differing field of two headers, for the error message. */
    static String difference(LabelHeader a, LabelHeader b) {
        JsonNode x = JSON.valueToTree(a.inProgress());
        JsonNode y = JSON.valueToTree(b.inProgress());
        for (var it = x.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!x.get(f).equals(y.get(f))) {
                String values = " " + x.get(f) + " vs " + y.get(f);
                return f + (values.length() < 100 ? values : "");
            }
        }
        return "format";
    }
}
