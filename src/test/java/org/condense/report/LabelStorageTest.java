package org.condense.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.condense.evaluate.ResultRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The accuracy-against-storage section on a tiny hand-made store. */
class LabelStorageTest {

    /** A CIFAR-10 IPC 10 record with these bytes; {@code prune} null: not stored labels. */
    private static ResultRecord run(String variant, long seed, double top1, String protocol, long images, long labels,
            Double prune) {
        ResultRecord r = Records.of(variant, 10, seed, top1, protocol, Map.of());
        ObjectNode config = r.protocolConfig().deepCopy();
        if (prune != null) {
            config.put("label_source", "stored");
            config.put("label_prune", prune);
        }
        return new ResultRecord(r.key() + prune, r.data(), r.sourceDataset(), r.method(), r.variant(), r.ipc(),
                r.dataSeed(), r.protocol(), config, r.network(), r.teacher(), r.seed(), r.top1(), r.top5(),
                r.perClass(), r.testImages(), r.trainImages(), images, labels, 0, r.wallSeconds(), r.codeVersion());
    }

    /** Random at 1× and 10×, RDED at 10×; PCA with hard labels at {@code pcaBytes} and these two seeds. */
    private static List<ResultRecord> store(long pcaBytes, double pca0, double pca1) {
        List<ResultRecord> out = new ArrayList<>(List.of(
                run("random", 0, 60, "standard-soft", 10_000, 100_000, 0.0),
                run("random", 1, 62, "standard-soft", 10_000, 100_000, 0.0),
                run("random", 0, 50, "standard-soft", 10_000, 10_000, 0.9),
                run("random", 1, 52, "standard-soft", 10_000, 10_000, 0.9),
                run("rded", 0, 55, "standard-soft", 10_000, 12_000, 0.9),
                run("rded", 1, 55, "standard-soft", 10_000, 12_000, 0.9),
                // online-teacher and hard-label runs of other methods draw nothing here
                run("random", 0, 58, "standard-soft", 10_000, 0, null),
                run("random", 0, 30, "standard-hard", 10_000, 0, null)));
        if (pcaBytes > 0) {
            out.add(run("pca", 0, pca0, "standard-hard", pcaBytes, 0, null));
            out.add(run("pca", 1, pca1, "standard-hard", pcaBytes, 0, null));
        }
        return out;
    }

    @Test
    void pointsAreMeanBytesAndTop1PerMethodAndRatio() {
        List<LabelStorage.Panel> panels = LabelStorage.panels(store(19_000, 54, 55));
        assertEquals(1, panels.size());
        LabelStorage.Panel p = panels.get(0);
        assertEquals("cifar10 · IPC 10", p.title());
        assertEquals(List.of("random", "rded"), List.copyOf(p.soft().keySet()));
        List<LabelStorage.Point> random = p.soft().get("random");
        assertEquals(2, random.size(), "prune 0 and 0.9; the online run is not stored");
        assertEquals(110_000, random.get(0).bytes());
        assertEquals(61, random.get(0).top1());
        assertEquals(20_000, random.get(1).bytes());
        assertEquals(Math.sqrt(2), random.get(1).std(), 1e-9);
        assertEquals(19_000, p.pca().bytes());
        assertEquals(54.5, p.pca().top1());
        assertTrue(LabelStorage.chart(p).length > 1000, "a PNG");
    }

    @Test
    void theClaimIsDecidedFromTheNumbers() {
        // matched: random's 20,000 B (51 %) and RDED's 22,000 B (55 %); the best is RDED, 0.5 above PCA's 54.5,
        // within the margin max(1, hypot(0, 0.71)) = 1
        String holds = LabelStorage.claim(LabelStorage.panels(store(19_000, 54, 55)).get(0));
        assertTrue(holds.contains("\"at matched storage, hard-label PCA is competitive with pruned soft labels\" holds"),
                holds);
        assertTrue(holds.contains("rded at label prune 0.9 (21.5 KiB), reaches 55.00 %"), holds);
        assertTrue(holds.contains("PCA is 0.50 points below, against a margin of 1.00 points"), holds);

        // PCA at 50.5 %: 4.5 points below RDED, beyond the margin
        String fails = LabelStorage.claim(LabelStorage.panels(store(19_000, 50, 51)).get(0));
        assertTrue(fails.contains("does not hold"), fails);
        assertTrue(fails.contains("PCA is 4.50 points below"), fails);

        // PCA 1 MB: no stored-label point within 2× of it
        String unmatched = LabelStorage.claim(LabelStorage.panels(store(1_000_000, 54, 55)).get(0));
        assertTrue(unmatched.contains("cannot be judged"), unmatched);

        assertNull(LabelStorage.claim(LabelStorage.panels(store(0, 0, 0)).get(0)), "no PCA: no claim");
    }

    @Test
    void theReportShowsTheSectionOnlyWithStoredLabels(@TempDir Path dir) throws Exception {
        ReportBuilder builder = new ReportBuilder(dir.resolve("images"));
        ReportViews.Report report = builder.build(new ReportBuilder.Inputs("t", "cmd", List.of(), store(19_000, 54, 55),
                List.of(), List.of()));
        assertTrue(report.hasLabelStorage());
        ReportViews.LabelStorageView v = report.labelStorage().get(0);
        assertTrue(v.hasClaim() && v.claim().contains("holds"), v.claim());
        assertTrue(Files.size(dir.resolve("images").resolve(v.chart().file().substring("images/".length()))) > 1000);

        String md = ReportWriter.render("report.md.mustache", report);
        assertTrue(md.contains("## Accuracy against storage"), md);
        assertTrue(md.contains("![cifar10 · IPC 10 · top-1 against total bytes](images/label-storage-"), md);
        assertTrue(md.contains(v.claim()), md);
        String html = ReportWriter.render("report.html.mustache", report);
        assertTrue(html.contains("<p class=\"claim\">cifar10 · IPC 10: the claim"), html);
        assertTrue(html.contains("src=\"data:image/png;base64,"), html);

        ReportViews.Report none = builder.build(new ReportBuilder.Inputs("t", "cmd", List.of(),
                List.of(run("pca", 0, 40, "standard-hard", 19_000, 0, null)), List.of(), List.of()));
        assertFalse(none.hasLabelStorage(), "no stored labels: no section");
    }
}
