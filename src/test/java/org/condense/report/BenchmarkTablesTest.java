package org.condense.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.condense.evaluate.ResultRecord;
import org.condense.report.BenchmarkTables.Column;
import org.condense.report.BenchmarkTables.Row;
import org.condense.report.BenchmarkTables.Table;
import org.junit.jupiter.api.Test;

class BenchmarkTablesTest {
    private static List<ResultRecord> records() {
        List<ResultRecord> r = new ArrayList<>();
        r.add(Records.of("random", 10, 0, 30.0));
        r.add(Records.of("random", 10, 1, 32.0));
        r.add(Records.of("random", 10, 2, 34.0));
        r.add(Records.of("el2n", 10, 0, 40.0));
        r.add(Records.of("el2n", 10, 1, 43.0));
        r.add(Records.of("random", 50, 0, 50.0));
        r.add(Records.of("el2n", 50, 0, 47.5));
        r.add(Records.of("random", 10, 0, 60.0, "standard-soft", Map.of()));
        r.add(Records.of("el2n", 10, 0, 55.0, "standard-soft", Map.of()));
        r.add(Records.of("pca[factor=2]", 10, 0, 45.0, "pca-hard", Map.of()));
        r.add(Records.of("pca[factor=2]", 10, 0, 41.0, "pca-hard", Map.of("augment.patch", "none")));
        r.add(Records.of("random", 10, 0, 35.0, "pca-hard", Map.of()));
        return r;
    }

    @Test
    void cellsAreMeanAndPopulationStdWithDeltaToRandomComputedByHand() {
        List<Table> tables = BenchmarkTables.build(records());
        assertEquals(2, tables.size()); // families "pca" and "standard", sorted
        Table std = tables.get(1);
        assertEquals("cifar10 · convnet · standard", std.title());
        assertEquals(List.of(new Column("hard", 10), new Column("hard", 50), new Column("soft", 10)), std.columns());
        assertEquals(List.of(new Row("random", ""), new Row("el2n", "")), std.rows());

        BenchmarkTables.Cell random10 = std.cell(new Row("random", ""), new Column("hard", 10));
        assertEquals(32.0, random10.mean(), 1e-12);               // (30+32+34)/3
        assertEquals(Math.sqrt(8.0 / 3), random10.std(), 1e-12);  // sqrt(((−2)²+0²+2²)/3)
        assertNull(random10.delta());
        BenchmarkTables.Cell el2n10 = std.cell(new Row("el2n", ""), new Column("hard", 10));
        assertEquals(41.5, el2n10.mean(), 1e-12);
        assertEquals(1.5, el2n10.std(), 1e-12);
        assertEquals(9.5, el2n10.delta(), 1e-12);                 // 41.5 − 32
        assertEquals(-2.5, std.cell(new Row("el2n", ""), new Column("hard", 50)).delta(), 1e-12);
        assertEquals(-5.0, std.cell(new Row("el2n", ""), new Column("soft", 10)).delta(), 1e-12);

        Table pca = tables.get(0);
        // an overridden row compares with plain Random when no Random ran with its overrides
        Row combine = new Row("pca[factor=2]", "{augment.patch=none}");
        assertEquals(6.0, pca.cell(combine, new Column("hard", 10)).delta(), 1e-12);
        assertEquals(10.0, pca.cell(new Row("pca[factor=2]", ""), new Column("hard", 10)).delta(), 1e-12);
    }

    @Test
    void renderedCellsShowTheNumbersAndMarks() {
        Table std = BenchmarkTables.build(records()).get(1);
        assertEquals("32.00 ± 1.63", ReportBuilder.cellView(std.cell(new Row("random", ""), new Column("hard", 10))).value());
        assertEquals("41.50 ± 1.50 ▲ +9.50",
                ReportBuilder.cellView(std.cell(new Row("el2n", ""), new Column("hard", 10))).markdown());
        assertEquals("▼ −2.50", ReportBuilder.cellView(std.cell(new Row("el2n", ""), new Column("hard", 50))).mark());
        // fewer seeds than the table's others: said in the cell
        assertEquals("41.50 ± 1.50 (n=2)", ReportBuilder.cellView(std.cell(new Row("el2n", ""), new Column("hard", 10)), 3).value());
    }

    @Test
    void theSameRecordsInAnyOrderGiveTheSameTables() {
        List<ResultRecord> a = records();
        List<ResultRecord> b = new ArrayList<>(a);
        Collections.shuffle(b, new Random(3));
        assertEquals(BenchmarkTables.build(a), BenchmarkTables.build(b));
    }

    @Test
    void softLabelStorageIsEpochsTimesImagesTimesClassesInFp16PlusAugmentation() {
        // 300 epochs, 100 images, 10 classes, no CutMix: 300 · 100 · (10·2 + 9) = 870 000
        assertEquals(870_000, StorageCost.softLabelBytes(300, 100, 10, 128, false));
        // with CutMix, batch 64: 2 batches per epoch → + 300 · (100·2 + 2·8) = 64 800
        assertEquals(870_000 + 64_800, StorageCost.softLabelBytes(300, 100, 10, 64, true));
    }
}
