package org.condense.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.condense.ToyDataset;
import org.condense.UserException;
import org.condense.data.InMemoryDataset;
import org.condense.data.Normalization;
import org.junit.jupiter.api.Test;

/** The crop and entropy analyses with stub observers whose logits are simple functions of the pixels. */
class CropAnalysisTest {
    /** Maps bytes 0 and 255 to −1 and +1. */
    private static final Normalization PLUS_MINUS_ONE = new Normalization(new float[] {0.5f}, new float[] {0.5f});

    /** Two classes: logits (0, a·f(image)), one image of c×h×w at a time. */
    private static Observer stub(double a, int pixels, ToDoubleFunction<float[]> f) {
        return (images, n, c, h, w) -> {
            float[] out = new float[n * 2];
            for (int i = 0; i < n; i++) {
                float[] one = java.util.Arrays.copyOfRange(images, i * pixels, (i + 1) * pixels);
                out[i * 2 + 1] = (float) (a * f.applyAsDouble(one));
            }
            return out;
        };
    }

    private static double meanAbs(float[] x) {
        double s = 0;
        for (float v : x) {
            s += Math.abs(v);
        }
        return s / x.length;
    }

    /** 4×4 checkerboards of ±1, both phases, labels 0 and 1. */
    private static AnalysisData checkerboards() {
        int n = 6;
        byte[] pixels = new byte[n * 16];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    pixels[i * 16 + y * 4 + x] = (byte) (((x + y + i) % 2) == 0 ? 255 : 0);
                }
            }
        }
        return new AnalysisData("checkers", InMemoryDataset.of("checkers", List.of("a", "b"), 1, 4, 4, labels, pixels));
    }

    private static double binaryEntropy(double z) {
        double p = 1 / (1 + Math.exp(-z));
        return -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
    }

    private static double nll(double z, int label) {
        return label == 0 ? Math.log(1 + Math.exp(z)) : Math.log(1 + Math.exp(-z));
    }

    @Test
    void aQuarterCropOfACheckerboardHalvesItsContrastWhereverItSits() {
        // Any 2×2 crop of a ±1 checkerboard is a 2×2 checkerboard; bilinear 2 → 4 turns each axis
        // into (±1, ±.5, ∓.5, ∓1), so the mean |pixel| is .75² = .5625 instead of 1, at every position.
        AnalysisData data = checkerboards();
        double a = 4;
        List<CropAnalysis.Row> rows = new CropAnalysis(stub(a, 16, CropAnalysisTest::meanAbs), PLUS_MINUS_ONE,
                new double[] {0.25, 1.0}, 3, 7, 4, 0, s -> {}).run(List.of(data));
        assertEquals(2, rows.size());
        CropAnalysis.Row quarter = rows.get(0);
        assertEquals(2, quarter.side());
        assertEquals(6, quarter.images());
        double zFull = a;
        double zCrop = a * 0.5625;
        double nllFull = (nll(zFull, 0) + nll(zFull, 1)) / 2; // three images of each label
        double dNll = (nll(zCrop, 0) - nll(zFull, 0) + nll(zCrop, 1) - nll(zFull, 1)) / 2;
        assertEquals(nllFull, quarter.nllFull(), 1e-5);
        assertEquals(dNll, quarter.deltaNll(), 1e-5);
        assertEquals(binaryEntropy(zFull), quarter.entropyFull(), 1e-5);
        assertEquals(binaryEntropy(zCrop) - binaryEntropy(zFull), quarter.deltaEntropy(), 1e-5);
        assertTrue(quarter.deltaEntropy() > 0.1, "a lower-contrast crop is less certain");
        // scale 1 is the whole image: exactly no change
        assertEquals(0.0, rows.get(1).deltaNll());
        assertEquals(0.0, rows.get(1).deltaEntropy());
        assertEquals(4, rows.get(1).side());
    }

    @Test
    void scaleOneGivesExactlyZeroOnRandomImages() {
        InMemoryDataset toy = ToyDataset.balanced(2, 5, 3, 8);
        Normalization norm = Normalization.ofSource(toy);
        // an observer that depends on every pixel's position
        Observer obs = stub(1, 3 * 64, x -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += x[i] * Math.sin(i);
            }
            return s / 10;
        });
        List<CropAnalysis.Row> rows = new CropAnalysis(obs, norm, new double[] {0.5, 1.0}, 4, 0, 3, 0, s -> {})
                .run(List.of(new AnalysisData("toy", toy)));
        assertNotEquals(0.0, rows.get(0).deltaNll());
        assertEquals(0.0, rows.get(1).deltaNll());
        assertEquals(0.0, rows.get(1).deltaEntropy());
    }

    @Test
    void sameSeedSameResultWhateverTheBatchSizeOtherSeedOtherCrops() {
        InMemoryDataset toy = ToyDataset.balanced(2, 7, 1, 12);
        Normalization norm = Normalization.ofSource(toy);
        Observer obs = stub(1, 144, x -> x[0] + 2 * x[77] - x[143]);
        List<AnalysisData> data = List.of(new AnalysisData("toy", toy));
        double[] scales = {0.08, 0.3};
        List<CropAnalysis.Row> a = new CropAnalysis(obs, norm, scales, 5, 11, 4, 0, s -> {}).run(data);
        List<CropAnalysis.Row> b = new CropAnalysis(obs, norm, scales, 5, 11, 4, 0, s -> {}).run(data);
        List<CropAnalysis.Row> c = new CropAnalysis(obs, norm, scales, 5, 11, 9, 0, s -> {}).run(data);
        List<CropAnalysis.Row> d = new CropAnalysis(obs, norm, scales, 5, 12, 4, 0, s -> {}).run(data);
        // a scale's crops do not depend on which other scales are asked for
        List<CropAnalysis.Row> e = new CropAnalysis(obs, norm, new double[] {0.3}, 5, 11, 4, 0, s -> {}).run(data);
        assertEquals(a, b);
        assertEquals(a, c);
        assertNotEquals(a, d);
        assertEquals(a.get(1), e.get(0));
        assertEquals(CropAnalysis.table(a, "cmd", "obs").toJson(), CropAnalysis.table(c, "cmd", "obs").toJson());
    }

    @Test
    void cropsAreSquaresOfTheRequestedAreaInsideTheImage() {
        java.util.random.RandomGenerator rng = CropAnalysis.generator(0, 0.08, 0);
        for (int t = 0; t < 200; t++) {
            var box = CropAnalysis.box(32, 32, 0.08, rng);
            assertEquals(9, box.height()); // rint(√(0.08·1024)) = rint(9.05)
            assertEquals(9, box.width());
            assertTrue(box.fitsIn(32, 32));
        }
        assertEquals(CropAnalysis.side(28, 28, 0.5), CropAnalysis.box(28, 28, 0.5, rng).height());
    }

    @Test
    void badScalesAreUserErrors() {
        for (double[] bad : new double[][] {{0}, {1.5}, {-0.1}, {Double.NaN}, {}}) {
            UserException e = assertThrows(UserException.class, () -> CropAnalysis.checkScales(bad));
            assertTrue(e.getMessage().contains("(0, 1]"), e.getMessage());
        }
    }

    @Test
    void entropyOfUniformAndConfidentObservers() {
        InMemoryDataset toy = ToyDataset.balanced(4, 5, 1, 6);
        Normalization norm = Normalization.ofSource(toy);
        Observer uniform = (images, n, c, h, w) -> new float[n * 4];
        Observer confident = (images, n, c, h, w) -> {
            float[] out = new float[n * 4];
            for (int i = 0; i < n; i++) {
                out[i * 4] = 100f;
            }
            return out;
        };
        List<AnalysisData> data = List.of(new AnalysisData("toy", toy), new AnalysisData("again", toy));
        List<String> lines = new ArrayList<>();
        List<EntropyAnalysis.Row> u = new EntropyAnalysis(uniform, norm, 7, 0, lines::add).run(data);
        assertEquals(2, u.size());
        assertEquals(20, u.get(0).images());
        assertEquals(Math.log(4), u.get(0).meanEntropy(), 1e-12);
        assertEquals(0, u.get(0).std(), 1e-12);
        assertTrue(lines.stream().anyMatch(l -> l.contains("40/40 images")), lines.toString());
        List<EntropyAnalysis.Row> k = new EntropyAnalysis(confident, norm, 7, 6, s -> {}).run(data);
        assertEquals(6, k.get(1).images());
        assertEquals(0, k.get(1).meanEntropy(), 1e-30);
        AnalysisTable t = EntropyAnalysis.table(u, "cmd", "obs", 4);
        assertEquals(EntropyAnalysis.COLUMNS, t.columns());
        assertEquals(List.of("toy", 20L, 1.3863, 0.0), t.rows().get(0));
    }

    @Test
    void progressReportsEta() {
        long[] now = {0};
        List<String> lines = new ArrayList<>();
        Progress p = new Progress("crops", 100, lines::add, () -> now[0], 10);
        now[0] = 5_000_000_000L;
        p.advance(25);
        assertEquals("crops: 25/100 images (25%), 5 img/s, ETA 0:15", lines.get(0));
        now[0] = 20_000_000_000L;
        p.advance(75);
        assertTrue(lines.get(1).endsWith("done"), lines.get(1));
        assertEquals("1:01:01", Progress.clock(3661));
    }
}
