package org.condense.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.condense.evaluate.ResultRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered report: deterministic, and a page that a real browser draws. */
class ReportPageTest {
    private static List<ResultRecord> records() {
        List<ResultRecord> r = new ArrayList<>();
        for (int seed = 0; seed < 3; seed++) {
            r.add(Records.of("random", 10, seed, 30 + seed));
            r.add(Records.of("random", 50, seed, 48 + seed));
            r.add(Records.of("el2n", 10, seed, 41 + seed));
            r.add(Records.of("el2n", 50, seed, 47 + seed));
            r.add(Records.of("random", 10, seed, 60 + seed, "standard-soft", Map.of()));
            r.add(Records.of("el2n", 10, seed, 55 + seed, "standard-soft", Map.of()));
        }
        return r;
    }

    private static ReportBuilder.Inputs inputs(List<ResultRecord> records, Path analysis) {
        return new ReportBuilder.Inputs("test report", "condense report store.jsonl --out report", List.of("store.jsonl"),
                records, List.of(), analysis == null ? List.of() : List.of(analysis));
    }

    @Test
    void theSameRecordsAlwaysRenderTheSameReport(@TempDir Path dir) throws Exception {
        ReportWriter.write(inputs(records(), null), dir.resolve("a"));
        List<ResultRecord> shuffled = new ArrayList<>(records());
        Collections.shuffle(shuffled, new Random(7));
        ReportWriter.write(inputs(shuffled, null), dir.resolve("b"));
        String md = Files.readString(dir.resolve("a/report.md"));
        assertEquals(md, Files.readString(dir.resolve("b/report.md")));
        assertEquals(Files.readString(dir.resolve("a/report.html")), Files.readString(dir.resolve("b/report.html")));
        // random hard IPC 10: 30, 31, 32 → 31.00 ± 0.82; el2n: 41, 42, 43 → 42.00 ± 0.82, +11.00
        assertTrue(md.contains("| random | 31.00 ± 0.82 | 49.00 ± 0.82 | 61.00 ± 0.82 |"), md);
        assertTrue(md.contains("| el2n | 42.00 ± 0.82 ▲ +11.00 | 48.00 ± 0.82 ▼ −1.00 | 56.00 ± 0.82 ▼ −5.00 |"), md);
        // soft labels (online teacher, so an estimate): 300 epochs × 100 images × (10 × 2 + 9) + CutMix (100 × 2 + 1 batch × 8) = 870 000 + 62 400 bytes
        assertTrue(md.contains("| el2n | 10 | soft | 100 | 263.7 KiB | – | ≈ 910.5 KiB (estimate) | – |"), md);
        assertTrue(Files.isRegularFile(dir.resolve("a/img/accuracy-cifar10-convnet-standard-hard.png")));
    }

    @Test
    void theHtmlPageOpensInHeadlessChromiumAndIsNotBlank(@TempDir Path dir) throws Exception {
        Path analysis = dir.resolve("entropy.json");
        Files.writeString(analysis, """
                {"analysis": "entropy", "title": "Predictive entropy under the observer", "command": "condense analyze entropy",
                 "columns": ["dataset", "images", "mean entropy (nats)", "std"], "rows": [["random", 100, 0.5321, 0.1]],
                 "notes": "lower is more confident"}
                """);
        ReportWriter.write(inputs(records(), analysis), dir.resolve("report"));
        Path html = dir.resolve("report/report.html");
        assertTrue(Files.readString(html).contains("Predictive entropy under the observer"));
        Path shot = dir.resolve("shot.png");
        String chromium = Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "chromium";
        Process p;
        try {
            p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--window-size=1200,1400", "--screenshot=" + shot, html.toUri().toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("this test needs Chromium: apt-get install chromium (" + e.getMessage() + ")");
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish in 2 minutes");
        assertTrue(Files.isRegularFile(shot), "no screenshot; chromium said: " + Files.readString(dir.resolve("chromium.log")));
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(1200, img.getWidth());
        int nonWhite = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                nonWhite += rgb != 0xffffff ? 1 : 0;
            }
        }
        int samples = (img.getWidth() / 2) * (img.getHeight() / 2);
        assertTrue(nonWhite > samples / 50, "the page looks blank: " + nonWhite + " of " + samples + " samples not white");
        assertTrue(colours.size() > 50, "too few colours for text, tables and a chart: " + colours.size());
    }
}
