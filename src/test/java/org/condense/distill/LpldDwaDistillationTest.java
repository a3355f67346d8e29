package org.condense.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.condense.ToyDataset;
import org.condense.UserException;
import org.condense.compress.CompressedDataset;
import org.condense.compress.CompressedImage;
import org.condense.compress.CompressionRequest;
import org.condense.compress.CompressionResult;
import org.condense.compress.Compressor;
import org.condense.compress.Manifest;
import org.condense.data.ImageDataset;
import org.condense.methods.CompressionMethods;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LPLD and DWA on a 3-class, 16 px toy set with a width-16 batch-norm convnet teacher. */
class LpldDwaDistillationTest {
    static final ImageDataset TOY = ToyDataset.balanced(3, 4, 3, 16);

    @TempDir
    static Path shared;
    static Path teacher;

    @BeforeAll
    static void teacher() throws Exception {
        teacher = DistillFixtures.teacher(shared.resolve("teacher"), TOY, "batch");
    }

    private static Map<String, String> options(String... kv) {
        Map<String, String> o = new TreeMap<>();
        o.put("teacher", teacher.toString());
        for (int i = 0; i < kv.length; i += 2) {
            o.put(kv[i], kv[i + 1]);
        }
        return o;
    }

    @Test
    void lpldSynthesisesClassByClassAndCachesItsStatisticsBesideTheTeacher(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("lpld");
        List<Integer> batches = new ArrayList<>();
        Compressor.run(TOY, "toy", CompressionMethods.get("lpld"), 3, 0, options("iterations", "2", "images_per_batch", "2"), out);
        CompressedDataset back = CompressedDataset.open(out);
        assertEquals(9, back.size());
        assertEquals("lpld", back.manifest().method());
        // class by class: 0, 0, 0, 1, 1, 1, 2, 2, 2 (batches of 2 + 1 images per class)
        List<Integer> labels = back.manifest().images().stream().map(Manifest.Entry::label).toList();
        assertEquals(List.of(0, 0, 0, 1, 1, 1, 2, 2, 2), labels);
        Map<String, Object> p = back.manifest().parameters();
        assertEquals("noise", p.get("init"));
        assertEquals(2, p.get("images_per_batch"));
        assertEquals(4, p.get("jitter"));
        String file = (String) p.get("class_bn_statistics_file");
        assertTrue(Files.isRegularFile(teacher.resolve(file)), file);

        // six batches: 2 + 1 images for each of three classes
        new LpldDistillation(new PixelDistillation.Listener() {
            @Override
            public void batchSaved(int batch) {
                batches.add(batch);
            }
        }).compress(new CompressionRequest(TOY, 3, 0, options("iterations", "1", "images_per_batch", "2")));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), batches);
    }

    @Test
    void dwaStartsFromRealImagesOnePerClassPerBatch(@TempDir Path dir) {
        Path out = dir.resolve("dwa");
        Compressor.run(TOY, "toy", CompressionMethods.get("dwa"), 2, 0, options("iterations", "2", "steps", "2"), out);
        CompressedDataset back = CompressedDataset.open(out);
        assertEquals(6, back.size());
        Map<String, Object> p = back.manifest().parameters();
        assertEquals("real", p.get("init"));
        assertEquals(2, p.get("steps"));
        assertEquals(0.015, p.get("rho"));
        assertEquals(11.0, p.get("r_var"));
        assertEquals(4, p.get("jitter"));
        for (Manifest.Entry e : back.manifest().images()) {
            assertEquals(1, e.sources().length);
            assertEquals(e.label(), TOY.label(e.sources()[0]));
        }
    }

    @Test
    void anInterruptedLpldRunContinuesToTheSameImages(@TempDir Path dir) {
        resumes(dir, LpldDistillation::new, options("iterations", "3", "images_per_batch", "1"), 1, 6);
    }

    /** Two batches per IPC index: the resumed batch needs the first batch's adjustment, which is replayed. */
    @Test
    void anInterruptedDwaRunContinuesToTheSameImages(@TempDir Path dir) {
        resumes(dir, DwaDistillation::new, options("iterations", "3", "steps", "3", "classes_per_batch", "2"), 1, 4);
        resumes(dir.resolve("b"), DwaDistillation::new, options("iterations", "3", "steps", "3"), 1, 2);
    }

    /** A retried DWA batch starts from the teacher before its own adjustment, as the clean run did. */
    @Test
    void aDivergedDwaBatchReplaysToTheSameImages(@TempDir Path dir) {
        Map<String, String> opts = options("iterations", "3", "steps", "2", "classes_per_batch", "2");
        List<CompressedImage> clean = new ArrayList<>(new DwaDistillation().compress(
                new CompressionRequest(TOY, 2, 4, opts, dir.resolve("clean"))).images());
        boolean[] failed = {false};
        List<CompressedImage> replayed = new ArrayList<>(new DwaDistillation(new PixelDistillation.Listener() {
            @Override
            public void iteration(int batch, int iteration, double ce, double bn) {
                if (batch == 1 && iteration == 1 && !failed[0]) {
                    failed[0] = true;
                    throw new PixelDistillation.Diverged("diverged");
                }
            }
        }).compress(new CompressionRequest(TOY, 2, 4, opts, dir.resolve("flaky"))).images());
        assertTrue(failed[0]);
        assertSame(clean, replayed);
    }

    private static void resumes(Path dir, Function<PixelDistillation.Listener, PixelDistillation> method,
            Map<String, String> opts, int stopAfter, int batches) {
        List<CompressedImage> whole = new ArrayList<>(method.apply(null).compress(
                new CompressionRequest(TOY, 2, 11, opts, dir.resolve("whole"))).images());
        Path work = dir.resolve("interrupted");
        assertThrows(IllegalStateException.class, () -> method.apply(new PixelDistillation.Listener() {
            @Override
            public void batchSaved(int batch) {
                if (batch + 1 == stopAfter) {
                    throw new IllegalStateException("interrupted");
                }
            }
        }).compress(new CompressionRequest(TOY, 2, 11, opts, work)));
        List<Integer> ran = new ArrayList<>();
        CompressionResult second = method.apply(new PixelDistillation.Listener() {
            @Override
            public void batchSaved(int batch) {
                ran.add(batch);
            }
        }).compress(new CompressionRequest(TOY, 2, 11, opts, work));
        assertEquals(Stream.iterate(stopAfter, b -> b + 1).limit(batches - stopAfter).toList(), ran,
                "only unfinished batches run again");
        assertSame(whole, new ArrayList<>(second.images()));
    }

    private static void assertSame(List<CompressedImage> expected, List<CompressedImage> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).label(), actual.get(i).label());
            assertArrayEquals(expected.get(i).sources(), actual.get(i).sources());
            assertArrayEquals(expected.get(i).pixels(), actual.get(i).pixels(), "image " + i);
        }
    }

    @Test
    void aTeacherWithoutBatchNormIsAOneLineError(@TempDir Path dir) throws Exception {
        Path plain = DistillFixtures.teacher(dir.resolve("in"), TOY, "instance");
        Map<String, String> opts = new TreeMap<>(Map.of("teacher", plain.toString()));
        for (PixelDistillation m : List.of(new LpldDistillation(), new DwaDistillation())) {
            UserException e = assertThrows(UserException.class,
                    () -> m.compress(new CompressionRequest(TOY, 1, 0, opts)));
            assertTrue(e.getMessage().startsWith("method " + m.name() + " matches the teacher's batch-norm statistics"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("has no batch norm") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
