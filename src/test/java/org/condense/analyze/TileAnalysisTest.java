package org.condense.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
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
        assertEquals(2, row.images());
        assertEquals(8, row.tiles());
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
        assertEquals(2, row.tiles());
        assertEquals(100.0, row.top1(), 1e-9);
        assertEquals(softplus(-A / 2), row.nll(), 1e-5);
        assertEquals(binaryEntropy(A / 2), row.entropy(), 1e-5);
    }

    @Test
    void theResultDoesNotDependOnTheBatchSize() {
        AnalysisData d = new AnalysisData("composites", composites(), 2);
        assertEquals(new TileAnalysis(MEAN, PLUS_MINUS_ONE, 1, 0, s -> {}).run(List.of(d)),
                new TileAnalysis(MEAN, PLUS_MINUS_ONE, 64, 0, s -> {}).run(List.of(d)));
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
