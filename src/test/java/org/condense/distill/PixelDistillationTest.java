package org.condense.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.condense.ToyDataset;
import org.condense.UserException;
import org.condense.compress.CompressedDataset;
import org.condense.compress.CompressedImage;
import org.condense.compress.CompressionRequest;
import org.condense.compress.CompressionResult;
import org.condense.compress.Compressor;
import org.condense.compress.Manifest;
import org.condense.data.ImageDataset;
import org.condense.io.Hashing;
import org.condense.methods.CompressionMethods;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SRe2L and CDA on a 3-class, 16 px toy set with a width-16 batch-norm convnet teacher. */
class PixelDistillationTest {
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
    void optimisingThePixelsLowersTheLoss() {
        List<Double> losses = new ArrayList<>();
        PixelDistillation.Listener listener = new PixelDistillation.Listener() {
            @Override
            public void iteration(int batch, int iteration, double ce, double bn) {
                losses.add(ce + 0.01 * bn);
            }
        };
        new Sre2lDistillation(listener).compress(new CompressionRequest(TOY, 1, 0, options("iterations", "60")));
        assertEquals(60, losses.size());
        double first = losses.subList(0, 5).stream().mapToDouble(d -> d).average().orElseThrow();
        double last = losses.subList(55, 60).stream().mapToDouble(d -> d).average().orElseThrow();
        // an untrained teacher sits near CE = ln 3 ≈ 1.1; the run is seeded, so this is not flaky
        assertTrue(last < 0.85 * first, "loss " + first + " -> " + last + ": " + losses);
    }

    @Test
    void sre2lFromNoiseWritesAValidCompressedDataset(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sre2l");
        Manifest m = Compressor.run(TOY, "toy", CompressionMethods.get("sre2l"), 2, 3, options("iterations", "4"), out).manifest();
        CompressedDataset back = CompressedDataset.open(out);
        assertEquals(6, back.size());
        assertEquals("sre2l", back.manifest().method());
        assertEquals(1, back.manifest().factor());
        assertEquals(2, back.manifest().ipc());
        assertEquals(TOY.classNames(), back.classNames());
        int[] perClass = new int[3];
        byte[] img = new byte[back.imageBytes()];
        for (int i = 0; i < back.size(); i++) {
            perClass[back.label(i)]++;
            back.readImage(i, img);
            assertEquals(0, back.manifest().images().get(i).sources().length, "noise has no source image");
        }
        assertArrayEquals(new int[] {2, 2, 2}, perClass);
        Map<String, Object> p = back.manifest().parameters();
        assertEquals(back.root().toAbsolutePath().normalize().relativize(teacher.toAbsolutePath().normalize()).toString(),
                back.manifest().options().get("teacher"));
        assertEquals(Hashing.sha256(teacher.resolve("model.params")), p.get("teacher_sha256"));
        assertEquals("batch", p.get("teacher_norm"));
        assertEquals("noise", p.get("init"));
        assertEquals(4, p.get("iterations"));
        assertEquals("sre2l[iterations=4]", m.variant(), "the teacher's path is an input, not a choice");
        assertFalse(Files.exists(Compressor.workDir(out)), "work folder removed once the dataset is written");
        // a rerun keeps the result
        assertTrue(Compressor.run(TOY, "toy", CompressionMethods.get("sre2l"), 2, 3, options("iterations", "4"), out).reused());
    }

    @Test
    void sre2lFromRealImagesStartsFromTheClassImages(@TempDir Path dir) {
        Path out = dir.resolve("real");
        Compressor.run(TOY, "toy", CompressionMethods.get("sre2l"), 2, 0, options("iterations", "3", "init", "real"), out);
        CompressedDataset back = CompressedDataset.open(out);
        assertEquals(6, back.size());
        assertEquals("real", back.manifest().parameters().get("init"));
        for (Manifest.Entry e : back.manifest().images()) {
            assertEquals(1, e.sources().length);
            assertEquals(e.label(), TOY.label(e.sources()[0]));
        }
    }

    @Test
    void cdaWritesAValidCompressedDatasetAndRecordsItsCurriculum(@TempDir Path dir) {
        Path out = dir.resolve("cda");
        Compressor.run(TOY, "toy", CompressionMethods.get("cda"), 1, 0, options("iterations", "4", "classes_per_batch", "2"), out);
        CompressedDataset back = CompressedDataset.open(out);
        assertEquals(3, back.size());
        assertEquals("cda", back.manifest().method());
        assertEquals("cosine", back.manifest().parameters().get("curriculum"));
        assertEquals(1.0, back.manifest().parameters().get("milestone"));
        assertEquals(2, back.manifest().parameters().get("classes_per_batch"));
    }

    @Test
    void cdaCurriculumGoesFromWholeImagesToTheStandardScale() {
        assertEquals(1.0, CdaDistillation.minScale("cosine", 1, 0, 1000), 1e-12);
        assertEquals(0.08 + 0.92 / 2, CdaDistillation.minScale("cosine", 1, 500, 1000), 1e-12);
        assertEquals(0.08 + 0.92 * (1 + Math.cos(Math.PI * 0.75)) / 2, CdaDistillation.minScale("cosine", 1, 750, 1000),
                1e-12);
        assertEquals(0.08, CdaDistillation.minScale("cosine", 0.5, 500, 1000), 1e-12);
        assertEquals(0.08 + 0.92 * 0.5, CdaDistillation.minScale("linear", 1, 500, 1000), 1e-12);
        assertEquals(1.0, CdaDistillation.minScale("step", 0.5, 499, 1000), 1e-12);
        assertEquals(0.08, CdaDistillation.minScale("step", 0.5, 500, 1000), 1e-12);
    }

    @Test
    void anInterruptedRunContinuesToTheSameImages(@TempDir Path dir) {
        Map<String, String> opts = options("iterations", "5");
        List<CompressedImage> whole = copy(new Sre2lDistillation().compress(
                new CompressionRequest(TOY, 2, 11, opts, dir.resolve("whole"))).images());

        Path work = dir.resolve("interrupted");
        PixelDistillation.Listener stopAfterFirst = new PixelDistillation.Listener() {
            @Override
            public void batchSaved(int batch) {
                throw new IllegalStateException("interrupted");
            }
        };
        assertThrows(IllegalStateException.class, () -> new Sre2lDistillation(stopAfterFirst)
                .compress(new CompressionRequest(TOY, 2, 11, opts, work)));
        List<Integer> batchesRun = new ArrayList<>();
        PixelDistillation.Listener watch = new PixelDistillation.Listener() {
            @Override
            public void iteration(int batch, int iteration, double ce, double bn) {
                batchesRun.add(batch);
            }
        };
        CompressionResult second = new Sre2lDistillation(watch).compress(new CompressionRequest(TOY, 2, 11, opts, work));
        List<CompressedImage> resumed = copy(second.images());
        assertEquals(List.of(1, 1, 1, 1, 1), batchesRun, "only the unfinished batch runs again");
        assertTrue(second.resumedSeconds() > 0, "the first process's batch keeps its cost");
        assertEquals(whole.size(), resumed.size());
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(whole.get(i).label(), resumed.get(i).label());
            assertArrayEquals(whole.get(i).pixels(), resumed.get(i).pixels(), "image " + i);
        }
        // another seed is another run: its work folder is not reused
        List<Integer> again = new ArrayList<>();
        new Sre2lDistillation(new PixelDistillation.Listener() {
            @Override
            public void iteration(int batch, int iteration, double ce, double bn) {
                again.add(batch);
            }
        }).compress(new CompressionRequest(TOY, 2, 12, opts, work));
        assertEquals(10, again.size());
    }

    @Test
    void aTransientDivergenceReplaysTheBatchToTheSameImages(@TempDir Path dir) {
        Map<String, String> opts = options("iterations", "5");
        List<CompressedImage> clean = copy(new Sre2lDistillation().compress(
                new CompressionRequest(TOY, 2, 11, opts, dir.resolve("clean"))).images());
        // batch 1 "diverges" once, at its fourth step, as libtorch's transient NaN did
        List<Integer> steps = new ArrayList<>();
        boolean[] failed = {false};
        PixelDistillation.Listener flaky = new PixelDistillation.Listener() {
            @Override
            public void iteration(int batch, int iteration, double ce, double bn) {
                steps.add(batch * 10 + iteration);
                if (batch == 1 && iteration == 3 && !failed[0]) {
                    failed[0] = true;
                    throw new PixelDistillation.Diverged("batch 1 diverged at iteration 4 (ce NaN, bn NaN)");
                }
            }
        };
        List<CompressedImage> replayed = copy(new Sre2lDistillation(flaky).compress(
                new CompressionRequest(TOY, 2, 11, opts, dir.resolve("flaky"))).images());
        assertEquals(List.of(0, 1, 2, 3, 4, 10, 11, 12, 13, 10, 11, 12, 13, 14), steps, "batch 1 runs again from its start");
        assertEquals(clean.size(), replayed.size());
        for (int i = 0; i < clean.size(); i++) {
            assertArrayEquals(clean.get(i).pixels(), replayed.get(i).pixels(), "image " + i);
        }
    }

    @Test
    void aBatchThatDivergesEveryTimeIsAUserError(@TempDir Path dir) {
        int[] attempts = {0};
        PixelDistillation.Listener alwaysNaN = new PixelDistillation.Listener() {
            @Override
            public void iteration(int batch, int iteration, double ce, double bn) {
                if (iteration == 1) {
                    attempts[0]++;
                    throw new PixelDistillation.Diverged("batch 1/1 diverged at iteration 2 (ce NaN, bn NaN)");
                }
            }
        };
        UserException e = assertThrows(UserException.class, () -> new Sre2lDistillation(alwaysNaN).compress(
                new CompressionRequest(TOY, 1, 0, options("iterations", "5"), dir.resolve("nan"))));
        assertEquals(PixelDistillation.ATTEMPTS, attempts[0]);
        assertEquals("batch 1/1 diverged at iteration 2 (ce NaN, bn NaN) in each of 3 attempts; lower --option lr",
                e.getMessage());
    }

    @Test
    void aTeacherWithoutBatchNormIsRefused(@TempDir Path dir) throws Exception {
        Path plain = DistillFixtures.teacher(dir.resolve("in"), TOY, "instance");
        Map<String, String> opts = new TreeMap<>(Map.of("teacher", plain.toString()));
        UserException e = assertThrows(UserException.class,
                () -> new CdaDistillation().compress(new CompressionRequest(TOY, 1, 0, opts)));
        assertTrue(e.getMessage().contains("has no batch norm"), e.getMessage());
        UserException missing = assertThrows(UserException.class,
                () -> new Sre2lDistillation().compress(new CompressionRequest(TOY, 1, 0, Map.of())));
        assertTrue(missing.getMessage().contains("needs --teacher DIR"), missing.getMessage());
    }

    private static List<CompressedImage> copy(List<CompressedImage> images) {
        return new ArrayList<>(images);
    }
}
