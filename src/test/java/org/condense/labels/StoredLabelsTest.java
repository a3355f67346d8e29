package org.condense.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.condense.UserException;
import org.condense.augment.Bilinear;
import org.condense.augment.CropBox;
import org.condense.augment.CutMix;
import org.condense.augment.HorizontalFlip;
import org.condense.random.Permutations;
import org.condense.random.Seeds;
import org.condense.cli.Main;
import org.condense.data.DataOptions;
import org.condense.data.Datasets;
import org.condense.data.ImageDataset;
import org.condense.data.Split;
import org.condense.distill.DistillFixtures;
import org.condense.train.Protocol;
import org.condense.evaluate.Protocols;
import org.condense.compress.TrainingData;
import org.condense.train.Augmentations;
import org.condense.train.Batch;
import org.condense.train.BatchLoader;
import org.condense.train.Teacher;
import org.condense.train.TeacherStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored soft labels on real Fashion-MNIST (IPC 2: 20 images, batch 8, so epochs of 8 + 8 + 4 and
 * 3 epochs = 9 batch records) with a tiny teacher.
 */
class StoredLabelsTest {
    static final int EPOCHS = 3;
    static final long SEED = 5;

    @TempDir
    static Path tempDir;
    static Path dir;
    static Path data;
    static Path teacher;
    static Protocol protocol;
    static TrainingData training;

    @BeforeAll
    static void setUp() throws Exception {
        prepare(tempDir);
    }

    /** Compressed data, teacher and protocol under {@code root} (shared with {@link StoredLabelTrainingTest}). */
    static void prepare(Path root) throws Exception {
        dir = root;
        data = dir.resolve("data");
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(err, true), "compress", "--dataset", "fashion-mnist", "--method",
                "random", "--ipc", "2", "--seed", "0", "--out", data.toString()), err.toString());
        ImageDataset full = Datasets.open("fashion-mnist", Split.TRAIN, DataOptions.defaults());
        teacher = DistillFixtures.teacher(dir.resolve("teacher"), full, "batch");
        protocol = Protocols.load("standard-soft", Map.of("epochs", String.valueOf(EPOCHS), "batch_size", "8",
                "eval_batch_size", "1000"));
        training = TrainingData.open(data.toString(), DataOptions.defaults());
    }

    static Relabel.Request request(Path out, double prune, boolean fp32) {
        return new Relabel.Request(training, LabelInputs.datasetSha256(data.toString(), training), protocol,
                LabelInputs.teacherSha256(teacher), SEED, prune, fp32, out);
    }

    static LabelHeader relabel(Relabel.Request request, Relabel job) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Teacher t = TeacherStore.load(teacher, manager, training.train().classNames());
            return job.run(request, t, manager);
        }
    }

    static LabelHeader relabel(Path out, double prune, boolean fp32) {
        return relabel(request(out, prune, fp32), new Relabel(s -> {}));
    }

    /** The batches the online run of {@code SEED} sees in {@code epoch}. */
    static List<Batch> onlineBatches(int epoch) {
        ImageDataset train = training.train();
        int[] order = Permutations.random(train.size(), Seeds.forEpochOrder(SEED, epoch));
        List<Batch> out = new ArrayList<>();
        try (BatchLoader b = new BatchLoader(train, training.normalization(), order, 8,
                Augmentations.sampleAugmentation(protocol.recipe().augment(), train.height()),
                Augmentations.batchAugmentation(protocol.recipe().augment()), SEED, epoch)) {
            b.forEachRemaining(out::add);
        }
        return out;
    }

    static List<Batch> replayed(StoredLabels labels, int epoch) {
        List<Batch> out = new ArrayList<>();
        ImageDataset train = training.train();
        try (BatchLoader b = new BatchLoader(train, training.normalization(), labels.epoch(epoch), 8,
                Augmentations.sampleAugmentation(protocol.recipe().augment(), train.height()),
                Augmentations.batchAugmentation(protocol.recipe().augment()), SEED)) {
            b.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void storedLabelsHoldTheOnlineTeachersLogitsForTheSameCrops() {
        Path out = dir.resolve("fp32");
        LabelHeader h = relabel(out, 0, true);
        assertEquals(9, h.recordsTotal());
        assertEquals(9, h.recordsStored());
        StoredLabels labels = StoredLabels.open(out).pruned(0);
        try (NDManager manager = NDManager.newBaseManager()) {
            Teacher t = TeacherStore.load(teacher, manager, training.train().classNames());
            for (int e = 0; e < EPOCHS; e++) {
                List<Batch> online = onlineBatches(e);
                List<Batch> replay = replayed(labels, e);
                List<BatchLoader.Slice> slices = labels.epoch(e);
                assertEquals(3, online.size());
                for (int b = 0; b < online.size(); b++) {
                    Batch o = online.get(b);
                    assertArrayEquals(o.indices(), replay.get(b).indices(), "same samples");
                    assertArrayEquals(o.images(), replay.get(b).images(), "same crops, flips and CutMix");
                    NDArray x = manager.create(o.images(), new Shape(o.size(), 1, 28, 28));
                    float[] expected = t.logits(x).toFloatArray();
                    assertArrayEquals(expected, labels.logits(slices.get(b)), "fp32 logits are stored exactly");
                }
            }
        }
    }

    @Test
    void topKLabelsRoundTripTheKeptLogitsAndShareTheRest() throws Exception {
        Path full = dir.resolve("fp32-for-top-k");
        Path top = dir.resolve("top-3");
        relabel(full, 0, true);
        Relabel.Request r = request(top, 0, true);
        LabelHeader h = relabel(new Relabel.Request(r.data(), r.datasetSha256(), r.protocol(), r.teacherSha256(), SEED,
                0, true, 3, top), new Relabel(s -> {}));
        assertEquals(3, h.topK());
        assertEquals(LabelHeader.VERSION_TOP_K, h.version());
        assertEquals(protocol.recipe().temperature(), h.topKTemperature());
        NpyHeader classes = NpyHeader.read(top.resolve(LabelLayout.classesFile(0)));
        assertEquals(NpyHeader.matrix("<i2", 20, 3), classes);
        assertEquals(NpyHeader.matrix("<f4", 20, 4), NpyHeader.read(top.resolve(LabelLayout.logitsFile(0))));
        StoredLabels a = StoredLabels.open(full).pruned(0);
        StoredLabels b = StoredLabels.open(top).checkTemperature(protocol.recipe().temperature()).pruned(0);
        for (int e = 0; e < EPOCHS; e++) {
            for (BatchLoader.Slice s : a.epoch(e)) {
                float[] x = a.logits(s);
                float[] y = b.logits(s);
                assertEquals(x.length, y.length);
                for (int row = 0; row < x.length / 10; row++) {
                    float[] sorted = java.util.Arrays.copyOfRange(x, row * 10, row * 10 + 10);
                    java.util.Arrays.sort(sorted);
                    java.util.Set<Float> rest = new HashSet<>();
                    for (int c = 0; c < 10; c++) {
                        if (x[row * 10 + c] >= sorted[7]) {
                            assertEquals(x[row * 10 + c], y[row * 10 + c], "a kept logit is read back exactly");
                        } else {
                            rest.add(y[row * 10 + c]);
                        }
                    }
                    assertEquals(1, rest.size(), "the other classes share one logit");
                }
            }
        }
        long onDisk;
        try (Stream<Path> files = Files.list(top)) {
            onDisk = files.mapToLong(p -> p.toFile().length()).sum();
        }
        assertEquals(onDisk, b.bytesUsed(), "the classes files are counted");
        assertTrue(b.bytesUsed() < a.bytesUsed());
        assertOneLine(() -> StoredLabels.open(top).checkTemperature(1.5), "made for temperature");
        assertOneLine(() -> relabel(new Relabel.Request(r.data(), r.datasetSha256(), r.protocol(), r.teacherSha256(),
                SEED, 0, true, 10, dir.resolve("top-10")), new Relabel(s -> {})), "--top-k must be between 1 and 9");
    }

    @Test
    void fp16LabelsAreTheLogitsRoundedToHalf() {
        Path exact = dir.resolve("fp32-for-half");
        Path half = dir.resolve("fp16");
        relabel(exact, 0, true);
        relabel(half, 0, false);
        StoredLabels a = StoredLabels.open(exact).pruned(0);
        StoredLabels b = StoredLabels.open(half).pruned(0);
        BatchLoader.Slice s = a.epoch(1).get(2);
        float[] x = a.logits(s);
        float[] y = b.logits(s);
        assertEquals(4 * 10, y.length, "the short last batch");
        for (int i = 0; i < x.length; i++) {
            assertEquals(Half.toFloat(Half.fromFloat(x[i])), y[i]);
        }
        assertTrue(b.bytesUsed() < a.bytesUsed(), "half the logit bytes");
    }

    @Test
    void theAugmentationRecordRebuildsEachBatchWithoutTheJavaRandomStreams() {
        Path out = dir.resolve("augment");
        relabel(out, 0, false);
        StoredLabels labels = StoredLabels.open(out).pruned(0);
        assertTrue(labels.header().cropsRecorded());
        ImageDataset train = training.train();
        int pixels = 28 * 28;
        for (int e = 0; e < EPOCHS; e++) {
            List<Batch> online = onlineBatches(e);
            for (int b = 0; b < online.size(); b++) {
                Batch o = online.get(b);
                int n = o.size();
                int[] rec = labels.augment(e, b * 8, n);
                float[] rebuilt = new float[n * pixels];
                byte[] raw = new byte[train.imageBytes()];
                float[] plain = new float[pixels];
                for (int i = 0; i < n; i++) {
                    train.readImage(o.indices()[i], raw);
                    training.normalization().apply(raw, plain, 0);
                    int[] r = java.util.Arrays.copyOfRange(rec, i * 10, i * 10 + 10);
                    Bilinear.cropResize(plain, 0, 1, 28, 28, new CropBox(r[0], r[1], r[2], r[3]), rebuilt, i * pixels,
                            28, 28);
                    if (r[4] == 1) {
                        HorizontalFlip.flip(rebuilt, i * pixels, 1, 28, 28, rebuilt, i * pixels);
                    }
                }
                int[] partners = new int[n];
                for (int i = 0; i < n; i++) {
                    partners[i] = rec[i * 10 + 5];
                }
                CutMix.paste(rebuilt, n, 1, 28, 28, partners, new CropBox(rec[6], rec[7], rec[8], rec[9]));
                assertArrayEquals(o.images(), rebuilt, "epoch " + e + " batch " + b);
            }
        }
    }

    @Test
    void pruningKeepsTheFirstRecordsAndDrawsEpochsDeterministically() throws Exception {
        assertEquals(10, LabelPruning.kept(100, 0.9));
        assertEquals(4, LabelPruning.kept(9, 0.5));
        Path out = dir.resolve("pruned");
        LabelHeader h = relabel(out, 0.5, false);
        assertEquals(4, h.recordsStored(), "(1 - 0.5) of 9 records");
        assertTrue(Files.isRegularFile(out.resolve(LabelLayout.logitsFile(1))));
        assertFalse(Files.exists(out.resolve(LabelLayout.logitsFile(2))), "nothing beyond the kept records");
        assertEquals(28, NpyHeader.read(out.resolve(LabelLayout.logitsFile(1))).rows() + 20, "8 rows in epoch 1");

        StoredLabels labels = StoredLabels.open(out).pruned(0.5);
        assertEquals(4, labels.recordsUsed());
        Set<String> seen = new HashSet<>();
        for (int e = 0; e < EPOCHS; e++) {
            List<BatchLoader.Slice> epoch = labels.epoch(e);
            assertEquals(3, epoch.size(), "every epoch has its usual number of batches");
            List<BatchLoader.Slice> again = labels.epoch(e);
            for (int i = 0; i < epoch.size(); i++) {
                BatchLoader.Slice s = epoch.get(i);
                long record = s.epoch() * 3L + s.batch();
                assertTrue(record < 4, "drawn from the kept pool only: " + record);
                assertEquals(s.epoch(), again.get(i).epoch(), "the draw is fixed by the seed");
                assertEquals(s.batch(), again.get(i).batch());
                seen.add(s.epoch() + ":" + s.batch());
            }
        }
        assertTrue(seen.size() > 1, "records are drawn, not repeated: " + seen);
        long onDisk;
        try (Stream<Path> files = Files.list(out)) {
            onDisk = files.mapToLong(p -> p.toFile().length()).sum();
        }
        assertEquals(onDisk, labels.bytesUsed(), "bytes used are the files' measured bytes");
        UserException tooFew = assertThrows(UserException.class, () -> StoredLabels.open(out).pruned(0.2));
        assertTrue(tooFew.getMessage().contains("hold 4 of 9"), tooFew.getMessage());
        assertThrows(UserException.class, () -> StoredLabels.open(out).pruned(0));
    }

    @Test
    void epochSelectionStoresAndReplaysWholeEpochs() throws Exception {
        Path out = dir.resolve("pruned-by-epoch");
        Relabel.Request base = request(out, 0.5, false);
        LabelHeader h = relabel(new Relabel.Request(base.data(), base.datasetSha256(), base.protocol(),
                base.teacherSha256(), SEED, 0.5, false, 0, out, LabelSelect.EPOCH), new Relabel(s -> {}));
        assertEquals(3, h.recordsStored(), "⌊(1 - 0.5)·3⌋ = 1 epoch of 3 batches");
        assertTrue(Files.isRegularFile(out.resolve(LabelLayout.logitsFile(0))));
        assertFalse(Files.exists(out.resolve(LabelLayout.logitsFile(1))), "nothing beyond the kept epoch");

        StoredLabels labels = StoredLabels.open(out).pruned(0.5, LabelSelect.EPOCH);
        assertEquals(3, labels.recordsUsed());
        assertSame(LabelSelect.EPOCH, labels.select());
        for (int e = 0; e < EPOCHS; e++) {
            List<BatchLoader.Slice> epoch = labels.epoch(e);
            assertEquals(3, epoch.size());
            for (int b = 0; b < 3; b++) {
                assertEquals(0, epoch.get(b).epoch(), "the one kept epoch, every epoch");
                assertEquals(b, epoch.get(b).batch(), "its batches in order");
            }
            assertEquals(4, epoch.get(2).indices().length, "the short last batch of 20 images in batches of 8");
        }
        long onDisk;
        try (Stream<Path> files = Files.list(out)) {
            onDisk = files.mapToLong(p -> p.toFile().length()).sum();
        }
        assertEquals(onDisk, labels.bytesUsed());
        UserException batchRule = assertThrows(UserException.class, () -> StoredLabels.open(out).pruned(0.5));
        assertTrue(batchRule.getMessage().contains("hold 3 of 9") && batchRule.getMessage().contains("needs 4"),
                batchRule.getMessage());
        UserException more = assertThrows(UserException.class,
                () -> StoredLabels.open(out).pruned(0.2, LabelSelect.EPOCH));
        assertTrue(more.getMessage().contains("needs 6") && more.getMessage().contains("--label-select epoch"),
                more.getMessage());
        Path full = dir.resolve("full-for-select");
        relabel(full, 0, false);
        StoredLabels unpruned = StoredLabels.open(full).pruned(0, LabelSelect.EPOCH);
        assertSame(LabelSelect.BATCH, unpruned.select(), "unpruned, every record in order: the rule does not apply");
        assertEquals(describe(StoredLabels.open(full).pruned(0).epoch(1)), describe(unpruned.epoch(1)));
        assertEquals("1:0:8 1:1:8 1:2:4", describe(unpruned.epoch(1)), "epoch 1's own batches, in order");
    }

    private static String describe(List<BatchLoader.Slice> slices) {
        return String.join(" ", slices.stream().map(x -> x.epoch() + ":" + x.batch() + ":" + x.indices().length).toList());
    }

    @Test
    void aKilledRelabelResumesToIdenticalFiles() throws Exception {
        Path whole = dir.resolve("whole");
        relabel(whole, 0, false);
        Path killed = dir.resolve("killed");
        class Killed extends RuntimeException {}
        Relabel dying = new Relabel(s -> {}).afterEpoch(e -> {
            if (e == 1) {
                throw new Killed();
            }
        });
        assertThrows(Killed.class, () -> relabel(request(killed, 0, false), dying));
        assertTrue(Files.isRegularFile(killed.resolve(LabelLayout.logitsFile(1))));
        UserException unfinished = assertThrows(UserException.class, () -> StoredLabels.open(killed));
        assertTrue(unfinished.getMessage().contains("incomplete"), unfinished.getMessage());
        // the chunk in flight is lost as well
        Files.delete(killed.resolve(LabelLayout.logitsFile(1)));
        List<String> log = new ArrayList<>();
        relabel(request(killed, 0, false), new Relabel(log::add));
        assertEquals(2, log.stream().filter(l -> l.contains("labelled")).count(), "epochs 2 and 3 only: " + log);
        assertEquals(listing(whole), listing(killed));
        for (String name : listing(whole)) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(name)), Files.readAllBytes(killed.resolve(name)), name);
        }
    }

    @Test
    void mismatchedOrTamperedLabelsAreRefusedWithOneLine() throws Exception {
        Path out = dir.resolve("checked");
        relabel(out, 0, false);
        String dataSha = LabelInputs.datasetSha256(data.toString(), training);
        String protocolSha = LabelInputs.protocolSha256(protocol);
        StoredLabels labels = StoredLabels.open(out);
        labels.checkInputs(dataSha, protocolSha, SEED, LabelInputs.teacherSha256(teacher));

        assertOneLine(() -> labels.checkInputs("0".repeat(64), protocolSha, SEED, null), "other data");
        Protocol longer = Protocols.load("standard-soft", Map.of("epochs", "4", "batch_size", "8"));
        assertOneLine(() -> labels.checkInputs(dataSha, LabelInputs.protocolSha256(longer), SEED, null),
                "other epochs, batch size or augmentation");
        Protocol otherLr = Protocols.load("standard-soft", Map.of("epochs", "3", "batch_size", "8", "lr", "0.01"));
        labels.checkInputs(dataSha, LabelInputs.protocolSha256(otherLr), SEED, null); // lr does not change labels
        assertOneLine(() -> labels.checkInputs(dataSha, protocolSha, SEED + 1, null), "seed " + SEED);
        assertOneLine(() -> labels.checkInputs(dataSha, protocolSha, SEED, "f".repeat(64)), "another teacher");

        Path header = out.resolve(LabelLayout.HEADER);
        String text = Files.readString(header);
        Files.writeString(header, text.replace("\"records_total\" : 9", "\"records_total\" : 12"));
        assertOneLine(() -> StoredLabels.open(out), "tampered");
        Files.writeString(header, text);
        Path chunk = out.resolve(LabelLayout.logitsFile(2));
        byte[] bytes = Files.readAllBytes(chunk);
        byte[] edited = bytes.clone();
        edited[edited.length - 1] ^= 1;
        Files.write(chunk, edited);
        assertOneLine(() -> StoredLabels.open(out), "changed after relabel");
        Files.write(chunk, java.util.Arrays.copyOf(bytes, bytes.length - 2));
        assertOneLine(() -> StoredLabels.open(out), "truncated or tampered");
    }

    private static void assertOneLine(Runnable r, String fragment) {
        UserException e = assertThrows(UserException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static List<String> listing(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void differentSeedsRelabelDifferently() {
        assertNotEquals(Seeds.forLabelDraw(1, 0).nextLong(), Seeds.forLabelDraw(2, 0).nextLong());
    }
}
