package org.condense.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.condense.compress.Manifest;
import org.junit.jupiter.api.Test;

/** The score a report shows for a dataset: the one its manifest names, else the one its method declares. */
class ShownScoreTest {

    private static Manifest manifest(String method, Map<String, Object> parameters) {
        return new Manifest(Manifest.FORMAT, "toy", 10, List.of("a", "b"), method, Map.of(), parameters, 1, 0, 8, 1, 1,
                null, null, List.of(), null, "test");
    }

    @Test
    void recordedScoreFirstThenTheMethodsDeclaration() {
        assertEquals("aum", ReportBuilder.shownScore(manifest("ccs", Map.of("score", "aum"))));
        assertEquals("forgetting", ReportBuilder.shownScore(manifest("ccs", Map.of("score", "forgetting"))));
        assertEquals("el2n", ReportBuilder.shownScore(manifest("pca", Map.of()))); // PCA ranks by EL2N
        assertEquals("forgetting", ReportBuilder.shownScore(manifest("forgetting", Map.of())));
        // a method this version does not know keeps its own name
        assertEquals("elsewhere", ReportBuilder.shownScore(manifest("elsewhere", Map.of())));
    }
}
