package org.condense.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.condense.cli.Main;
import org.condense.evaluate.ResultRecord;
import org.condense.report.ReportViews.StorageRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTableTest {

    /** {@code r} on Fashion-MNIST with the given label bytes and, for stored labels, its pruning ratio. */
    private static ResultRecord on(ResultRecord r, long bytesLabels, Double storedPrune) {
        ObjectNode config = r.protocolConfig().deepCopy();
        if (storedPrune != null) {
            config.put("label_source", "stored");
            config.put("label_prune", storedPrune);
        }
        return new ResultRecord(r.key(), r.data(), "fashion-mnist", r.method(), r.variant(), r.ipc(), r.dataSeed(),
                r.protocol(), config, r.network(), r.teacher(), r.seed(), r.top1(), r.top5(), r.perClass(),
                r.testImages(), r.trainImages(), 10_000, bytesLabels, 0, r.wallSeconds(), r.codeVersion());
    }

    @Test
    void anotherLabelSelectionIsARowOfItsOwn() {
        ResultRecord batch = on(Records.of("random", 10, 0, 58, "standard-soft", Map.of("epochs", "3")), 4_704, 0.9);
        ResultRecord epoch = on(Records.of("random", 10, 0, 55, "standard-soft", Map.of("epochs", "3")), 4_704, 0.9);
        epoch.protocolConfig().put("label_select", "epoch");
        assertEquals("soft, stored, label prune 0.9", StorageTable.labelMode(batch));
        assertEquals("soft, stored, label prune 0.9 by epoch", StorageTable.labelMode(epoch));
    }

    @Test
    void storedLabelsAreMeasuredAndOnlineLabelsAreMarkedAsEstimates(@TempDir Path dir) {
        Path data = dir.resolve("data");
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(err, true), "compress", "--dataset", "fashion-mnist", "--method",
                "random", "--ipc", "1", "--out", data.toString()), err.toString());
        Map<String, String> soft = Map.of("epochs", "3");
        List<ResultRecord> records = List.of(
                on(Records.of("random", 10, 0, 50, "standard-hard", Map.of()), 0, null),
                on(Records.of("random", 10, 0, 60, "standard-soft", soft), 0, null),
                on(Records.of("random", 10, 0, 60, "standard-soft", soft), 47_040, 0.0),
                on(Records.of("random", 10, 1, 60, "standard-soft", soft), 47_040, 0.0),
                on(Records.of("random", 10, 0, 58, "standard-soft", soft), 4_704, 0.9));
        List<StorageRow> rows = StorageTable.rows(records, Map.of("data", data));
        assertEquals(4, rows.size(), "one row per label mode: " + rows);
        // 60,000 images of 28×28 bytes: 47,040,000 bytes of raw pixels
        StorageRow hard = rows.get(0);
        assertEquals("hard", hard.labels());
        assertEquals("0 B", hard.labelBytes());
        assertEquals("0.021 %", hard.imagesFraction());
        StorageRow online = rows.get(1);
        assertEquals("soft", online.labels());
        assertTrue(online.labelBytes().startsWith("≈ ") && online.labelBytes().endsWith("(estimate)"), online.labelBytes());
        StorageRow stored = rows.get(2);
        assertEquals("soft, stored", stored.labels());
        assertEquals("45.9 KiB", stored.labelBytes(), "measured, not estimated");
        assertEquals("0.100 %", stored.labelsFraction());
        assertEquals("0.121 %", stored.fraction());
        StorageRow pruned = rows.get(3);
        assertEquals("soft, stored, label prune 0.9", pruned.labels());
        assertEquals("0.010 %", pruned.labelsFraction());
        assertEquals("10×", pruned.labelCompression(), "against the unpruned stored labels");
        assertEquals("1.0×", stored.labelCompression());
        assertEquals("–", hard.labelCompression());
        assertEquals("4704×", hard.totalCompression(), "47,040,000 raw bytes over 10,000");
    }
}
