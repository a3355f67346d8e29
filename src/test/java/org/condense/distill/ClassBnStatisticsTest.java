package org.condense.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.condense.ToyDataset;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.model.BatchNormTap;
import org.condense.model.NetworkSpec;
import org.condense.model.Networks;
import org.condense.train.Teacher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LPLD's class-aware BN statistics and its class-wise BN term. */
class ClassBnStatisticsTest {

    /**
     * Two classes, two layers, streamed in two batches.
     * Layer 0 (C=1, 1×2): batch 1 holds s0 (class 0) = [1, 3] and s1 (class 1) = [10, 10]; batch 2
     * holds s2 (class 0) = [5, 7]. Class 0 sees 1, 3, 5, 7: mean 4, biased variance (9+1+1+9)/4 = 5;
     * class 1 sees 10, 10: mean 10, variance 0.
     * Layer 1 (C=2, 1×1): s0 = (2, −1), s1 = (4, 0), s2 = (6, 1). Class 0: channel 0 sees 2, 6
     * (mean 4, variance 4), channel 1 sees −1, 1 (mean 0, variance 1); class 1: (4, 0), variance 0.
     */
    @Test
    void perClassMeanAndVarianceOverBatches() {
        try (NDManager m = NDManager.newBaseManager()) {
            ClassBnStatistics s = new ClassBnStatistics(2, new int[] {1, 2});
            s.add(List.of(m.create(new float[] {1, 3, 10, 10}, new Shape(2, 1, 1, 2)),
                    m.create(new float[] {2, -1, 4, 0}, new Shape(2, 2, 1, 1))), new int[] {0, 1});
            s.add(List.of(m.create(new float[] {5, 7}, new Shape(1, 1, 1, 2)),
                    m.create(new float[] {6, 1}, new Shape(1, 2, 1, 1))), new int[] {0});
            assertArrayEquals(new float[] {4}, s.mean(0, 0));
            assertArrayEquals(new float[] {5}, s.var(0, 0));
            assertArrayEquals(new float[] {10}, s.mean(0, 1));
            assertArrayEquals(new float[] {0}, s.var(0, 1));
            assertArrayEquals(new float[] {4, 0}, s.mean(1, 0));
            assertArrayEquals(new float[] {4, 1}, s.var(1, 0));
            assertArrayEquals(new float[] {4, 0}, s.mean(1, 1));
            assertArrayEquals(new float[] {0, 0}, s.var(1, 1));
        }
    }

    /**
     * With the statistics above, a class-0 batch whose layer-0 input is 0, 2 | 4, 6 (mean 3,
     * variance 5): ‖4 − 3‖ + ‖5 − 5‖ = 1, first layer ×10 = 10. Layer-1 input (7, 4) for one image:
     * mean (7, 4), variance (0, 0): ‖(4, 0) − (7, 4)‖ = 5, ‖(4, 1) − (0, 0)‖ = √17. Total 15 + √17.
     * Against class 1 instead: layer 0 ‖10 − 3‖ + ‖0 − 5‖ = 12 → 120; layer 1 ‖(4,0) − (7,4)‖ + 0 = 5.
     */
    @Test
    void classWiseLossHandComputed() {
        try (NDManager m = NDManager.newBaseManager()) {
            ClassBnStatistics s = ClassBnStatistics.of(2, new int[] {1, 2},
                    new float[][] {{4, 10}, {4, 0, 4, 0}}, new float[][] {{5, 0}, {4, 1, 0, 0}});
            List<NDArray> inputs = List.of(m.create(new float[] {0, 2, 4, 6}, new Shape(2, 1, 1, 2)),
                    m.create(new float[] {7, 4}, new Shape(1, 2, 1, 1)));
            assertEquals(15 + Math.sqrt(17), s.loss(inputs, 0, 10, m).getFloat(), 1e-5);
            assertEquals(125, s.loss(inputs, 1, 10, m).getFloat(), 1e-4);
        }
    }

    /** The streamed pass over a toy set equals each class's statistics computed in one batch, and is cached. */
    @Test
    void passOverTheDataMatchesEachClassAtOnceAndIsCachedBesideTheTeacher(@TempDir Path dir) throws Exception {
        ImageDataset toy = ToyDataset.balanced(2, 5, 3, 8);
        NetworkSpec spec = DistillFixtures.spec(toy, "batch");
        Normalization norm = Normalization.ofSource(toy);
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Networks.create(spec);
            Networks.initialize(block, m, spec, 3);
            Teacher teacher = new Teacher(block, new ParameterStore(m, false));
            ClassBnStatistics streamed = ClassBnStatistics.compute(toy, teacher, norm, 3, m);
            assertEquals(2, streamed.layers());
            for (int c = 0; c < 2; c++) {
                List<BatchNormTap.Input> taps = new ArrayList<>();
                BatchNormTap.forward(block, new ParameterStore(m, false), classBatch(toy, norm, c, m), false, taps);
                for (int l = 0; l < taps.size(); l++) {
                    NDArray x = taps.get(l).input();
                    long ch = x.getShape().get(1);
                    NDArray flat = x.transpose(1, 0, 2, 3).reshape(ch, -1);
                    NDArray mean = flat.mean(new int[] {1});
                    NDArray var = flat.sub(mean.reshape(ch, 1)).square().mean(new int[] {1});
                    assertClose(mean.toFloatArray(), streamed.mean(l, c), "mean, layer " + l + ", class " + c);
                    assertClose(var.toFloatArray(), streamed.var(l, c), "variance, layer " + l + ", class " + c);
                }
            }

            String key = ClassBnStatisticsFile.key("abc", toy, norm);
            Path file = ClassBnStatisticsFile.path(dir, toy, key);
            assertTrue(file.getFileName().toString().startsWith("class-bn-stats-toy-"), file.toString());
            int[] computed = {0};
            ClassBnStatistics first = ClassBnStatisticsFile.loadOrCompute(file, key, () -> {
                computed[0]++;
                return streamed;
            });
            ClassBnStatistics again = ClassBnStatisticsFile.loadOrCompute(file, key, () -> {
                computed[0]++;
                return streamed;
            });
            assertEquals(1, computed[0], "the second run reads the file");
            assertTrue(Files.isRegularFile(file));
            assertArrayEquals(first.var(1, 1), again.var(1, 1));
            assertArrayEquals(first.mean(0, 0), again.mean(0, 0));
            // other teacher weights: the same file name would only ever hold one key; a stale file is recomputed
            String other = ClassBnStatisticsFile.key("def", toy, norm);
            ClassBnStatisticsFile.loadOrCompute(file, other, () -> {
                computed[0]++;
                return streamed;
            });
            assertEquals(2, computed[0], "a file for another key is not used");
        }
    }

    private static NDArray classBatch(ImageDataset ds, Normalization norm, int c, NDManager m) {
        List<float[]> images = new ArrayList<>();
        byte[] img = new byte[ds.imageBytes()];
        for (int i = 0; i < ds.size(); i++) {
            if (ds.label(i) == c) {
                float[] one = new float[ds.imageBytes()];
                ds.readImage(i, img);
                norm.apply(img, one);
                images.add(one);
            }
        }
        float[] all = new float[images.size() * ds.imageBytes()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, all, i * ds.imageBytes(), ds.imageBytes());
        }
        return m.create(all, new Shape(images.size(), ds.channels(), ds.height(), ds.width()));
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4 * Math.max(1, Math.abs(expected[i])), what + " [" + i + "]");
        }
    }
}
