package org.condense.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.condense.ToyDataset;
import org.condense.UserException;
import org.condense.Version;
import org.condense.compress.CompressedDataset;
import org.condense.compress.CompressedImage;
import org.condense.compress.CompressionRequest;
import org.condense.compress.CompressionResult;
import org.condense.compress.Compressor;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.methods.CompressionMethods;
import org.condense.model.NetworkSpec;
import org.condense.model.Networks;
import org.condense.model.StatisticsTap;
import org.condense.train.TeacherCard;
import org.condense.train.TeacherStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** G-VBSM on a 3-class, 16 px toy set with two small batch-norm convnets of different depth. */
class GvbsmDistillationTest {
    static final ImageDataset TOY = ToyDataset.balanced(3, 4, 3, 16);

    @TempDir
    static Path shared;
    static Path deep;
    static Path shallow;

    @BeforeAll
    static void teachers() throws Exception {
        deep = DistillFixtures.teacher(shared.resolve("deep"), TOY, "batch");
        shallow = teacher(shared.resolve("shallow"), TOY,
                new NetworkSpec("convnet", 3, 16, 3, "batch", null, 16, 1), TOY.classNames());
    }

    /** A teacher of any spec, saved as `condense train` does, its running statistics moved by a few passes. */
    static Path teacher(Path dir, ImageDataset ds, NetworkSpec spec, List<String> classes) throws Exception {
        Normalization n = Normalization.ofSource(ds);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Networks.create(spec);
            Networks.initialize(block, manager, spec, 3);
            float[] batch = new float[ds.size() * ds.imageBytes()];
            byte[] img = new byte[ds.imageBytes()];
            float[] one = new float[ds.imageBytes()];
            for (int i = 0; i < ds.size(); i++) {
                ds.readImage(i, img);
                n.apply(img, one);
                System.arraycopy(one, 0, batch, i * one.length, one.length);
            }
            ParameterStore ps = new ParameterStore(manager, false);
            try (NDManager step = manager.newSubManager()) {
                NDArray x = step.create(batch, new Shape(ds.size(), ds.channels(), ds.height(), ds.width()));
                for (int k = 0; k < 3; k++) {
                    block.forward(ps, new NDList(x), true);
                }
            }
            TeacherStore.save(dir, block, new TeacherCard("toy", classes, spec, "test", 0, 3, 10, 50, n.mean(), n.std(),
                    0, Version.get()));
        }
        return dir;
    }

    private static Map<String, String> options(String... kv) {
        Map<String, String> o = new TreeMap<>();
        o.put("teacher", deep + "," + shallow);
        for (int i = 0; i < kv.length; i += 2) {
            o.put(kv[i], kv[i + 1]);
        }
        return o;
    }

    @Test
    void writesAValidDatasetClassByClassWithTeachersInTurn(@TempDir Path dir) throws Exception {
        List<String> steps = new ArrayList<>();
        GvbsmDistillation.Listener watch = new GvbsmDistillation.Listener() {
            @Override
            public void iteration(int batch, int iteration, int teacher, double ce, double stat, double dense) {
                steps.add(batch + ":" + teacher);
                assertTrue(Double.isFinite(ce) && stat > 0 && dense >= 0, ce + " " + stat + " " + dense);
            }
        };
        // 3 classes × IPC 2 in batches of 4: [c0, c0, c1, c1], [c2, c2]; 3 steps each, teachers alternate across batches
        CompressionResult r = new GvbsmDistillation(watch).compress(new CompressionRequest(TOY, 2, 5,
                options("iterations", "3", "batch_size", "4")));
        assertEquals(List.of("0:0", "0:1", "0:0", "1:1", "1:0", "1:1"), steps);
        List<CompressedImage> images = r.images();
        assertEquals(List.of(0, 0, 1, 1, 2, 2), images.stream().map(CompressedImage::label).toList());
        // the defaults of the authors' small-image scripts
        Map<String, Object> p = r.parameters();
        assertEquals(0.05, p.get("lr"));
        assertEquals(0.8, p.get("momentum"));
        assertEquals(0.4, p.get("drop_rate"));
        assertEquals(4, p.get("patch"));
        assertEquals(0.01, p.get("r_stat"));
        assertEquals(1.0, p.get("r_dense"));
        assertEquals(2, ((List<?>) p.get("teachers")).size());
        // each teacher's training-set statistics are kept in its folder
        for (Path t : List.of(deep, shallow)) {
            try (Stream<Path> files = Files.list(t)) {
                assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith("gvbsm-statistics-")).count(), t.toString());
            }
        }

        Path out = dir.resolve("gvbsm");
        Compressor.run(TOY, "toy", CompressionMethods.get("gvbsm"), 1, 0, options("iterations", "2"), out);
        CompressedDataset back = CompressedDataset.open(out);
        assertEquals(3, back.size());
        assertEquals("gvbsm", back.manifest().method());
        assertFalse(Files.exists(Compressor.workDir(out)), "work folder removed once the dataset is written");
    }

    @Test
    void storedStatisticsAreReusedAndEqualAFreshPass() throws Exception {
        GvbsmDistillation gvbsm = new GvbsmDistillation();
        DistillTeacher info = TeacherList.of(org.condense.compress.MethodOptions.of(
                new CompressionRequest(TOY, 1, 0, Map.of("teacher", deep.toString())), gvbsm), gvbsm, TOY).get(0);
        try (NDManager m = NDManager.newBaseManager()) {
            var teacher = info.load(m);
            TrainingStatistics a = TrainingStatistics.of(info, teacher, TOY, 4, m);
            long written;
            try (Stream<Path> files = Files.list(deep)) {
                Path f = files.filter(p -> p.getFileName().toString().startsWith("gvbsm-statistics-")).findFirst()
                        .orElseThrow();
                written = Files.getLastModifiedTime(f).toMillis();
                Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));
                TrainingStatistics b = TrainingStatistics.of(info, teacher, TOY, 4, m);
                assertEquals(written - 60_000, Files.getLastModifiedTime(f).toMillis(), "read, not rewritten");
                TrainingStatistics fresh = TrainingStatistics.compute(teacher, TOY, info.normalization(), 4, m, "test");
                assertEquals(2, fresh.layers().size(), "two conv layers");
                for (int l = 0; l < 2; l++) {
                    for (int k = 0; k < 4; k++) {
                        assertArrayEquals(fresh.layers().get(l)[k], b.layers().get(l)[k]);
                        assertArrayEquals(a.layers().get(l)[k], b.layers().get(l)[k]);
                    }
                }
                // the first conv sees the images: 16×16 in 4 px patches gives 16 patches, one mean per channel
                assertEquals(3, fresh.layers().get(0)[0].length);
                assertEquals(16, fresh.layers().get(0)[2].length);
            }
        }
    }

    @Test
    void anInterruptedRunContinuesToTheSameImages(@TempDir Path dir) {
        Map<String, String> opts = options("iterations", "3", "batch_size", "4");
        List<CompressedImage> whole = new ArrayList<>(new GvbsmDistillation().compress(
                new CompressionRequest(TOY, 2, 11, opts, dir.resolve("whole"))).images());

        Path work = dir.resolve("interrupted");
        GvbsmDistillation.Listener stopAfterFirst = new GvbsmDistillation.Listener() {
            @Override
            public void batchSaved(int batch) {
                throw new IllegalStateException("interrupted");
            }
        };
        assertThrows(IllegalStateException.class, () -> new GvbsmDistillation(stopAfterFirst)
                .compress(new CompressionRequest(TOY, 2, 11, opts, work)));
        List<String> run = new ArrayList<>();
        GvbsmDistillation.Listener watch = new GvbsmDistillation.Listener() {
            @Override
            public void iteration(int batch, int iteration, int teacher, double ce, double stat, double dense) {
                run.add(batch + ":" + teacher);
            }
        };
        CompressionResult second = new GvbsmDistillation(watch).compress(new CompressionRequest(TOY, 2, 11, opts, work));
        List<CompressedImage> resumed = new ArrayList<>(second.images());
        assertEquals(List.of("1:1", "1:0", "1:1"), run, "only the unfinished batch runs, teachers still in turn");
        assertEquals(whole.size(), resumed.size());
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(whole.get(i).label(), resumed.get(i).label());
            assertArrayEquals(whole.get(i).pixels(), resumed.get(i).pixels(), "image " + i);
        }
    }

    /** Without the statistics state of the last finished batch, the run cannot continue exactly: it starts over. */
    @Test
    void aMissingStatisticsStateStartsOver(@TempDir Path dir) throws Exception {
        Map<String, String> opts = options("iterations", "2", "batch_size", "4");
        List<CompressedImage> whole = new ArrayList<>(new GvbsmDistillation().compress(
                new CompressionRequest(TOY, 2, 11, opts, dir.resolve("whole"))).images());
        Path work = dir.resolve("interrupted");
        assertThrows(IllegalStateException.class, () -> new GvbsmDistillation(new GvbsmDistillation.Listener() {
            @Override
            public void batchSaved(int batch) {
                throw new IllegalStateException("interrupted");
            }
        }).compress(new CompressionRequest(TOY, 2, 11, opts, work)));
        try (var files = Files.list(work)) {
            assertEquals(List.of("batch-00000.bin"), files.map(f -> f.getFileName().toString())
                    .filter(n -> !n.equals("key.txt") && !n.startsWith(".")).toList(),
                    "the state travels inside its batch's file, nothing beside it");
        }
        withoutState(work.resolve("batch-00000.bin"));
        List<Integer> batches = new ArrayList<>();
        List<CompressedImage> redone = new ArrayList<>(new GvbsmDistillation(new GvbsmDistillation.Listener() {
            @Override
            public void iteration(int batch, int iteration, int teacher, double ce, double stat, double dense) {
                batches.add(batch);
            }
        }).compress(new CompressionRequest(TOY, 2, 11, opts, work)).images());
        assertEquals(List.of(0, 0, 1, 1), batches, "without the state the run starts over");
        for (int i = 0; i < whole.size(); i++) {
            assertArrayEquals(whole.get(i).pixels(), redone.get(i).pixels(), "image " + i);
        }
    }

    /** Rewrites a batch file in the format that had no side state (as batches of older versions are). */
    private static void withoutState(Path file) throws java.io.IOException {
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(Files.readAllBytes(file)));
        in.readInt();
        double seconds = in.readDouble();
        int states = in.readInt();
        for (int i = 0; i < states; i++) {
            in.readUTF();
            in.skipNBytes(in.readInt());
        }
        byte[] images = in.readAllBytes();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        out.writeInt(0x434F4E32);
        out.writeDouble(seconds);
        out.write(images);
        out.flush();
        Files.write(file, bytes.toByteArray());
    }

    @Test
    void teachersOfDifferentClassesAreRefusedInOneLine(@TempDir Path dir) throws Exception {
        List<String> reversed = new ArrayList<>(TOY.classNames());
        java.util.Collections.reverse(reversed);
        Path other = teacher(dir.resolve("other"), TOY, new NetworkSpec("convnet", 3, 16, 3, "batch", null, 16, 1),
                reversed);
        Map<String, String> opts = new TreeMap<>(Map.of("teacher", deep + "," + other));
        UserException e = assertThrows(UserException.class,
                () -> new GvbsmDistillation().compress(new CompressionRequest(TOY, 1, 0, opts)));
        assertTrue(e.getMessage().startsWith("teachers of method gvbsm disagree on the classes: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; train every teacher on the same dataset"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        Path plain = teacher(dir.resolve("plain"), TOY, new NetworkSpec("convnet", 3, 16, 3, "instance", null, 8, 1),
                TOY.classNames());
        UserException noBn = assertThrows(UserException.class, () -> new GvbsmDistillation().compress(
                new CompressionRequest(TOY, 1, 0, new TreeMap<>(Map.of("teacher", deep + "," + plain)))));
        assertTrue(noBn.getMessage().contains("has no batch norm"), noBn.getMessage());
        UserException none = assertThrows(UserException.class,
                () -> new GvbsmDistillation().compress(new CompressionRequest(TOY, 1, 0, Map.of())));
        assertTrue(none.getMessage().contains("needs --teacher DIR[,DIR…]"), none.getMessage());
    }

    /** The tap sees every conv and batch-norm input in forward order and leaves the logits alone. */
    @Test
    void statisticsTapSeesConvolutionsAndBatchNorms() {
        NetworkSpec spec = NetworkSpec.of("resnet18", 3, 8, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Networks.create(spec);
            Networks.initialize(block, m, spec, 1);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 3, 8, 8));
            float[] plain = block.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            List<StatisticsTap.Input> taps = new ArrayList<>();
            assertArrayEquals(plain, StatisticsTap.forward(block, ps, x, false, taps).toFloatArray());
            // ResNet-18: stem + 16 block convs + 3 projection shortcuts, each followed by batch norm
            assertEquals(20, StatisticsMatch.convolutions(taps));
            assertEquals(40, taps.size());
            assertTrue(taps.get(0).isConvolution());
            assertEquals(x, taps.get(0).input());
            assertFalse(taps.get(1).isConvolution());
        }
    }
}
