package org.condense.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.condense.compress.Manifest;
import org.condense.model.NetworkSpec;
import org.junit.jupiter.api.Test;

class SummaryTableTest {
    private static ResultRecord record(String method, String variant, int ipc, long seed, double top1) {
        return record(method, variant, ipc, seed, top1, "standard-hard");
    }

    /** A record whose protocol label is {@code protocol} (not a preset name: the label is the name itself). */
    private static ResultRecord record(String method, String variant, int ipc, long seed, double top1, String protocol) {
        return new ResultRecord("k", method + seed, "cifar10", method, variant, ipc, seed, protocol, null,
                NetworkSpec.of("convnet", 3, 32, 10), null, seed, top1, 90.0, new double[10], 10000, ipc * 10, 0, 0, 0,
                10.0, "test");
    }

    @Test
    void groupsSeedsByVariantAndReportsPopulationStdAndDeltaToRandom() {
        List<ResultRecord> records = List.of(
                record("el2n", "el2n[hard=true]", 10, 0, 30.0), record("random", "random", 10, 0, 32.0),
                record("el2n", "el2n", 10, 0, 34.0), record("el2n", "el2n", 10, 1, 36.0),
                record("random", "random", 10, 1, 34.0), record("el2n", "el2n[hard=true]", 10, 1, 31.0));
        String table = SummaryTable.render(records);
        String[] lines = table.split("\n");
        // header, rule, then Random first, then the variants by name
        assertEquals(5, lines.length, table);
        assertTrue(lines[2].contains("| random | 10 |") && lines[2].contains("33.00 ± 1.00 |  |"), lines[2]);
        // el2n: mean 35, population std 1, +2 over Random's 33
        assertTrue(lines[3].contains("| el2n | 10 |") && lines[3].contains("35.00 ± 1.00 | +2.00 |"), lines[3]);
        // el2n hard: mean 30.5, std 0.5, -2.5
        assertTrue(lines[4].contains("| el2n[hard=true] | 10 |") && lines[4].contains("30.50 ± 0.50 | -2.50 |"), lines[4]);
    }

    @Test
    void runsUnderOnePresetWithOtherSettingsAreSeparateRowsNamedByTheirOverrides() {
        var plain = Protocols.load("pca-hard").resolved();
        var shuffle = Protocols.load("pca-hard", Map.of("augment.patch", "shuffle", "lr", "0.010")).resolved();
        assertEquals("pca-hard", ProtocolLabel.of("pca-hard", plain));
        // lr 0.010 equals the preset's 0.01: not a change
        assertEquals("pca-hard{augment.patch=shuffle}", ProtocolLabel.of("pca-hard", shuffle));
        var epochs = Protocols.load("pca-hard", Map.of("epochs", "200", "augment.cutout.prob", "1")).resolved();
        assertEquals("pca-hard{augment.cutout.prob=1, epochs=200}", ProtocolLabel.of("pca-hard", epochs));
        assertEquals("mine", ProtocolLabel.of("mine", plain)); // not a preset: the name alone
    }

    @Test
    void wideTableHasAColumnPerIpcAndALinePerVariantInTheGivenOrder() {
        List<ResultRecord> records = List.of(
                record("el2n", "el2n", 10, 0, 34.0), record("el2n", "el2n", 10, 1, 36.0),
                record("random", "random", 10, 0, 32.0), record("random", "random", 10, 1, 34.0),
                record("random", "random", 50, 0, 50.0), record("random", "random", 50, 1, 52.0),
                record("aum", "aum", 10, 0, 31.5), record("aum", "aum", 10, 1, 32.5),
                record("el2n", "el2n", 50, 0, 48.0));
        String[] lines = SummaryTable.renderWide(records, List.of("random", "el2n")).split("\n");
        assertEquals("| method | IPC 10 standard-hard | IPC 50 standard-hard |", lines[0]);
        assertEquals("|---|---|---|", lines[1]);
        assertEquals("| random | 33.00 ± 1.00 | 51.00 ± 1.00 |", lines[2]);
        // el2n at IPC 50 has one seed of two: said in the cell; 48 − 51 = −3
        assertEquals("| el2n | 35.00 ± 1.00 (+2.00) | 48.00 ± 0.00 (−3.00) · 1 seed |", lines[3]);
        // not in the order: after the placed ones; no IPC 50 run
        assertEquals("| aum | 32.00 ± 0.50 (−1.00) | – |", lines[4]);
        assertEquals(5, lines.length);
    }

    @Test
    void wideTableNamesARunsOwnProtocolOverridesOnItsLineAndComparesItUnderItsPreset() {
        List<ResultRecord> records = List.of(
                record("random", "random", 10, 0, 32.0, "standard-hard{epochs=300}"),
                record("pca", "pca[factor=2]", 10, 0, 44.0, "standard-hard{augment.patch=extract, epochs=300}"));
        String[] lines = SummaryTable.renderWide(records, List.of()).split("\n");
        assertEquals("| method | IPC 10 standard-hard{epochs=300} |", lines[0]);
        assertEquals("| random | 32.00 ± 0.00 |", lines[2]);
        assertEquals("| pca[factor=2] {augment.patch=extract} | 44.00 ± 0.00 (+12.00) |", lines[3]);
    }

    @Test
    void recordsWithoutVariantFallBackToTheMethod() {
        String table = SummaryTable.render(List.of(record("random", null, 50, 0, 49.0)));
        assertTrue(table.contains("| random | 50 |"), table);
    }

    @Test
    void variantNamesTheChoicesButNotTheScoresFile() {
        Manifest m = new Manifest(Manifest.FORMAT, "cifar10", 100, List.of("a"), "el2n",
                Map.of("scores", "/x/scores.csv", "hard", "true", "balanced", "false"), Map.of(), 1, 0, 32, 3, 1,
                null, null, List.of(), null, "test");
        assertEquals("el2n[balanced=false,hard=true]", m.variant());
    }
}
