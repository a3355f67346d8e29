package org.condense.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.condense.augment.CropBox;
import org.condense.data.InMemoryDataset;
import org.condense.data.Normalization;
import org.junit.jupiter.api.Test;

/** The tile analysis with a stub observer whose logit is the mean pixel of what it sees. */
class TileAnalysisTest {
    /** Maps bytes 0 and 255 to −1 and +1. */
    private static final Normalization PLUS_MINUS_ONE = new Normalization(new float[] {0.5f}, new float[] {0.5f});
    private static final double A = 3;

    /** Two classes: logits (0, A·mean pixel) of each c×h×w image. */
    private static final Observer MEAN = (images, n, c, h, w) -> {
        int pixels = c * h * w;
        float[] out = new float[n * 2];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int p = 0; p < pixels; p++) {
                s += images[i * pixels + p];
            }
            out[i * 2 + 1] = (float) (A * s / pixels);
        }
        return out;
    };

    /**
     * Two 4×4 composites of 2×2 constant tiles (+1 = byte 255, −1 = byte 0), row-major:
     * image 0 (class 1) tiles +,−,+,+; image 1 (class 0) tiles −,−,−,+.
     */
    private static InMemoryDataset composites() {
        int[][] signs = {{1, -1, 1, 1}, {-1, -1, -1, 1}};
        byte[] pixels = new byte[2 * 16];
        for (int i = 0; i < 2; i++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    int tile = (y / 2) * 2 + x / 2;
                    pixels[i * 16 + y * 4 + x] = (byte) (signs[i][tile] > 0 ? 255 : 0);
                }
            }
        }
        return InMemoryDataset.of("tiles", List.of("a", "b"), 1, 4, 4, new int[] {1, 0}, pixels);
    }

    private static double softplus(double z) {
        return Math.log1p(Math.exp(z));
    }

    private static double binaryEntropy(double z) {
        double p = 1 / (1 + Math.exp(-z));
        return -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
    }

    @Test
    void everyTileIsSeenAloneAndScoredAgainstItsImagesClass() {
        // each image has 3 tiles of its class's sign and 1 of the other: logit ±A, so top-1 is 6/8,
        // NLL is softplus(−A) for the right tiles and softplus(A) for the wrong one, entropy H(A) for all
        List<TileAnalysis.Row> rows = new TileAnalysis(MEAN, PLUS_MINUS_ONE, 1, 0, s -> {})
                .run(List.of(new AnalysisData("composites", composites(), 2)));
        TileAnalysis.Row row = rows.get(0);
        assertEquals(2, row.factor());
        assertEquals(2, row.tileSide());
        assertEquals(1.0, row.scale());
        assertEquals(2, row.cropSide());
        assertEquals(2, row.images());
        assertEquals(8, row.views());
        assertEquals(75.0, row.top1(), 1e-9);
        assertEquals((3 * softplus(-A) + softplus(A)) / 4, row.nll(), 1e-5);
        assertEquals(binaryEntropy(A), row.entropy(), 1e-5);
    }

    @Test
    void factorOneIsTheWholeImage() {
        // read whole, image 0 has mean +½ (class 1: right), image 1 mean −½ (class 0: right)
        List<TileAnalysis.Row> rows = new TileAnalysis(MEAN, PLUS_MINUS_ONE, 2, 0, s -> {})
                .run(List.of(new AnalysisData("whole", composites())));
        TileAnalysis.Row row = rows.get(0);
        assertEquals(1, row.factor());
        assertEquals(4, row.tileSide());
        assertEquals(2, row.views());
        assertEquals(100.0, row.top1(), 1e-9);
        assertEquals(softplus(-A / 2), row.nll(), 1e-5);
        assertEquals(binaryEntropy(A / 2), row.entropy(), 1e-5);
    }

    /** The composites of {@link #composites()} at 8×8: 4×4 constant tiles. */
    private static InMemoryDataset largeComposites() {
        InMemoryDataset small = composites();
        byte[] pixels = new byte[2 * 64];
        byte[] one = new byte[16];
        for (int i = 0; i < 2; i++) {
            small.readImage(i, one);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    pixels[i * 64 + y * 8 + x] = one[(y / 2) * 4 + x / 2];
                }
            }
        }
        return InMemoryDataset.of("tiles8", List.of("a", "b"), 1, 8, 8, new int[] {1, 0}, pixels);
    }

    @Test
    void cropsStayInsideTheirTile() {
        // a 2×2 crop (scale ¼ of a 4×4 tile) that crossed a border would mix +1 and −1 pixels and
        // give a logit strictly between −A and A; inside one constant tile it is exactly ±A
        AnalysisData d = new AnalysisData("composites", largeComposites(), 2);
        List<TileAnalysis.Row> rows = new TileAnalysis(MEAN, PLUS_MINUS_ONE, new double[] {0.25, 1.0}, 3, 7, 2, 0, s -> {})
                .run(List.of(d));
        assertEquals(2, rows.size());
        TileAnalysis.Row quarter = rows.get(0);
        assertEquals(0.25, quarter.scale());
        assertEquals(4, quarter.tileSide());
        assertEquals(2, quarter.cropSide());
        assertEquals(2 * 4 * 3, quarter.views(), "2 images × 4 tiles × 3 crops");
        assertEquals(75.0, quarter.top1(), 1e-9);
        assertEquals((3 * softplus(-A) + softplus(A)) / 4, quarter.nll(), 1e-5);
        TileAnalysis.Row whole = rows.get(1);
        assertEquals(8, whole.views(), "scale 1 is the whole tile, seen once");
        assertEquals(quarter.nll(), whole.nll(), 1e-5);
    }

    @Test
    void cropBoxesAreSquaresOfTheScaleInsideTheTile() {
        CropBox tile = new CropBox(16, 0, 16, 16);
        java.util.random.RandomGenerator rng = org.condense.random.Seeds.forSample(0, 1, 2);
        for (int j = 0; j < 200; j++) {
            CropBox b = TileAnalysis.box(tile, 0.25, rng);
            assertEquals(8, b.height());
            assertEquals(8, b.width());
            assertTrue(b.top() >= 16 && b.bottom() <= 32 && b.left() >= 0 && b.right() <= 16, b.toString());
        }
        assertEquals(tile, TileAnalysis.box(tile, 1.0, rng));
    }

    @Test
    void theResultDoesNotDependOnTheBatchSize() {
        AnalysisData d = new AnalysisData("composites", largeComposites(), 2);
        double[] scales = {0.1, 0.5, 1.0};
        assertEquals(new TileAnalysis(MEAN, PLUS_MINUS_ONE, scales, 4, 3, 1, 0, s -> {}).run(List.of(d)),
                new TileAnalysis(MEAN, PLUS_MINUS_ONE, scales, 4, 3, 64, 0, s -> {}).run(List.of(d)));
    }

    @Test
    void argmaxTakesTheFirstOfTiedLogits() {
        assertEquals(0, TileAnalysis.argmax(new float[] {1, 1, 0}, 0, 3));
        assertEquals(1, TileAnalysis.argmax(new float[] {9, 0, 1, 2, 2}, 2, 3));
    }

    @Test
    void aFactorBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AnalysisData("x", composites(), 0));
    }
}
