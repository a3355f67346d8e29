package org.condense.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.condense.ToyDataset;
import org.condense.compress.Compressor;
import org.condense.data.InMemoryDataset;
import org.condense.evaluate.ResultRecord;
import org.condense.methods.CompressionMethods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report on a tiny synthetic store and a fake data folder: real PNGs for Random (IPC 2 and 4),
 * only manifest and cost for a G-VBSM run with fewer iterations and teachers than its official setting.
 */
class ReportDatasetsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneGridPerMethodAtTheSmallestIpcReducedSettingsMarkedAndTeachersTimed(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("store-data"));
        InMemoryDataset toy = ToyDataset.balanced(2, 6, 3, 8);
        List<ResultRecord> records = new ArrayList<>();
        for (int ipc : new int[] {2, 4}) {
            for (int seed = 0; seed < 2; seed++) {
                ResultRecord r = Records.of("random", ipc, seed, 30 + ipc + seed);
                Compressor.run(toy, "toy", CompressionMethods.get("random"), ipc, seed, Map.of(), data.resolve(r.data()));
                Files.writeString(data.resolve(r.data()).resolve("cost.json"), "{\"compress_seconds\": 2.0}");
                records.add(r);
            }
        }
        // a G-VBSM dataset kept as manifest and cost only: 1000 iterations and 2 teachers, each with a card
        for (String t : List.of("t1", "t2")) {
            Files.createDirectories(dir.resolve(t));
            Files.writeString(dir.resolve(t).resolve("card.json"), "{\"wall_seconds\": 600}");
        }
        ResultRecord g = Records.of("gvbsm", 2, 0, 20);
        records.add(g);
        Path gDir = data.resolve(g.data());
        Files.createDirectories(gDir);
        Files.copy(data.resolve(records.get(0).data()).resolve("manifest.json"), gDir.resolve("manifest.json"));
        ObjectNode m = (ObjectNode) JSON.readTree(gDir.resolve("manifest.json").toFile());
        m.put("method", "gvbsm");
        ObjectNode p = m.putObject("parameters");
        p.put("iterations", 1000);
        p.put("init", "noise");
        p.put("conv_statistics", "training set");
        ArrayNode teachers = p.putArray("teachers");
        teachers.addObject().put("teacher_dir", dir.resolve("t1").toString());
        teachers.addObject().put("teacher_dir", dir.resolve("t2").toString());
        JSON.writeValue(gDir.resolve("manifest.json").toFile(), m);
        Files.writeString(gDir.resolve("cost.json"), "{\"compress_seconds\": 90.0}");

        Path out = dir.resolve("report");
        ReportWriter.write(new ReportBuilder.Inputs("t", "condense report", List.of("store.jsonl"), records,
                List.of(data), List.of()), out);
        String md = Files.readString(out.resolve("report.md"));

        // one grid, for Random at IPC 2 (the smallest), none for G-VBSM (no images kept)
        assertTrue(md.contains("### toy · random · IPC 2 (seed 0)"), md);
        assertFalse(md.contains("IPC 4 (seed"), md);
        assertFalse(md.contains("gvbsm · IPC"), md);
        assertTrue(Files.isRegularFile(out.resolve("img/toy-random-ipc2-grid.png")));
        // the G-VBSM cell is marked and explained under its table
        assertTrue(md.contains("| gvbsm | 20.00 ± 0.00 (n=1) ¹ ▼"), md);
        assertTrue(md.contains("¹ gvbsm ran with 1000 iterations (official 4000), 2 teachers (official 4)"), md);
        // compression time: both teachers' training and the statistics pass
        assertTrue(md.contains("## Compression time per dataset (the paper's Table 25)"), md);
        assertTrue(md.contains("| toy | gvbsm | 2 | 1 | 1 min 30 s | 2 teachers' training 10 min 00 s + 10 min 00 s; "
                + "training-set statistics, one pass per teacher"), md);
        assertTrue(md.contains("| toy | random | 2 | 2 | 2.0 s | none |"), md);
    }
}
