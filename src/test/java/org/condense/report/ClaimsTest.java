package org.condense.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.condense.evaluate.ResultRecord;
import org.condense.report.Claims.Claim;
import org.junit.jupiter.api.Test;

/** The claims' rules on a small synthetic store: three seeds per cell, each cell mean ± 0.82 (m − 1, m, m + 1). */
class ClaimsTest {
    private static final Map<String, RowFacts> FACTS = Map.of(
            "random", new RowFacts("random", false, null, false, false),
            "sre2l", new RowFacts("sre2l", true, "noise", false, false),
            "sre2l[init=real]", new RowFacts("sre2l", true, "real", true, false),
            "dwa", new RowFacts("dwa", true, "real", false, false),
            "rded[factor=1]", new RowFacts("rded", true, null, false, false),
            "el2n", new RowFacts("el2n", false, null, false, true),
            "aum", new RowFacts("aum", false, null, false, true),
            "pca[factor=2]", new RowFacts("pca", false, null, false, false));

    private static void cell(List<ResultRecord> out, String variant, String protocol, int ipc, double mean) {
        for (int seed = 0; seed < 3; seed++) {
            out.add(Records.of(variant, ipc, seed, mean - 1 + seed, protocol, Map.of()));
        }
    }

    private static List<Claim> claims(List<ResultRecord> records) {
        List<BenchmarkTables.Table> tables = BenchmarkTables.build(records);
        assertEquals(1, tables.size());
        return Claims.of(tables.get(0), FACTS);
    }

    @Test
    void hardLabelChecksUseTwoPooledDeviationsForFarBelowAndOneForAbove() {
        List<ResultRecord> r = new ArrayList<>();
        cell(r, "random", "standard-hard", 10, 31);
        cell(r, "sre2l", "standard-hard", 10, 21); // Δ −10 < −2s = −1.63: far below
        cell(r, "dwa", "standard-hard", 10, 29.5); // Δ −1.5 > −1.63: not far below
        cell(r, "sre2l[init=real]", "standard-hard", 10, 40); // init chosen by an option: not in the claim
        cell(r, "rded[factor=1]", "standard-hard", 10, 35); // above
        cell(r, "el2n", "standard-hard", 10, 31.7); // Δ 0.7 < s = 0.82: not above
        cell(r, "pca[factor=2]", "standard-hard", 10, 41); // best
        List<Claim> claims = claims(r);
        assertEquals(1, claims.size(), "no soft IPC 50 cells, no soft claim");
        Claim c = claims.get(0);
        assertTrue(c.title().startsWith("Hard labels, IPC 10"), c.title());
        assertEquals(Claims.PARTLY, c.verdict());
        List<String> text = c.checks().stream().map(k -> (k.holds() ? "+ " : "- ") + k.text()).toList();
        assertEquals(List.of(
                "- dwa 29.50 ± 0.82 is not far below Random 31.00 ± 0.82 (Δ -1.50, s = 0.82)",
                "- el2n 31.70 ± 0.82 is not above Random 31.00 ± 0.82 (Δ +0.70, s = 0.82)",
                "+ rded[factor=1] 35.00 ± 0.82 is above Random 31.00 ± 0.82 (Δ +4.00, s = 0.82)",
                "+ sre2l 21.00 ± 0.82 is far below Random 31.00 ± 0.82 (Δ -10.00, s = 0.82)",
                "+ pca[factor=2] 41.00 ± 0.82 is the best row"), text);
    }

    @Test
    void softLabelClaimCountsMostDistillationRowsAndEachEasyBalancedRow() {
        List<ResultRecord> r = new ArrayList<>();
        cell(r, "random", "standard-soft", 50, 56);
        cell(r, "sre2l", "standard-soft", 50, 45); // Random above
        cell(r, "dwa", "standard-soft", 50, 57); // Δ +1 > s: above Random
        cell(r, "rded[factor=1]", "standard-soft", 50, 56.5); // within s: Random at or above
        cell(r, "el2n", "standard-soft", 50, 55.5); // within s: at or above Random
        cell(r, "random", "standard-soft", 10, 35); // other IPCs are not part of the claim
        cell(r, "aum", "standard-soft", 10, 20);
        Claim c = claims(r).get(0);
        assertTrue(c.title().startsWith("Soft labels, IPC 50"), c.title());
        assertEquals(2, c.checks().size());
        assertTrue(c.checks().get(0).holds());
        assertEquals("Random 56.00 ± 0.82 is at or above 2 of 3 distillation rows (most): dwa 57.00 ± 0.82 (above "
                + "Random); rded[factor=1] 56.50 ± 0.82; sre2l 45.00 ± 0.82", c.checks().get(0).text());
        assertTrue(c.checks().get(1).holds(), c.checks().get(1).text());
        assertEquals(Claims.HOLDS, c.verdict());

        cell(r, "aum", "standard-soft", 50, 51); // Δ −5: below Random
        Claim partly = claims(r).get(0);
        assertEquals(Claims.PARTLY, partly.verdict());
        assertFalse(partly.checks().get(1).holds(), "aum sorts before el2n");
    }

    @Test
    void aClaimWhoseChecksAllFailDoesNotHoldAndOneWithoutCellsIsNotShown() {
        List<ResultRecord> r = new ArrayList<>();
        cell(r, "random", "standard-soft", 50, 56);
        cell(r, "aum", "standard-soft", 50, 50);
        assertEquals(Claims.NOT, claims(r).get(0).verdict());
        List<ResultRecord> noRandom = new ArrayList<>();
        cell(noRandom, "aum", "standard-hard", 10, 50);
        assertTrue(claims(noRandom).isEmpty());
    }

    @Test
    void pooledDeviationIsTheRootMeanSquareOfTheTwoStds() {
        BenchmarkTables.Cell a = new BenchmarkTables.Cell(List.of(0.0, 2.0), null); // std 1
        BenchmarkTables.Cell b = new BenchmarkTables.Cell(List.of(0.0, 14.0), null); // std 7
        assertEquals(5.0, Claims.pooled(a, b), 1e-12);
    }
}
