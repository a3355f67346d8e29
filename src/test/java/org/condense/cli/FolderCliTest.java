package org.condense.cli;

import static org.condense.cli.Run.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.condense.compress.CompressedDataset;
import org.condense.compress.Manifest;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.evaluate.ResultRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --test} and {@code import} on image folders as other tools write them, against a
 * Fashion-MNIST made of the 20 committed fixture images: the end-to-end runs are tiny (2 epochs).
 */
class FolderCliTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @TempDir
    Path dir;

    private Path dataDir() throws IOException {
        return ForeignFolders.fashionDataDir(dir.resolve("datasets"));
    }

    /** SRe2L-style numbered folders, 2 images each, one of them an odd-sized RGB image. */
    private Path sre2lFolder(Path root, Path dataDir) throws IOException {
        ForeignFolders.classFolders(root, ForeignFolders.fashion(dataDir), c -> String.format("new%03d", c), 2);
        ForeignFolders.writeRgb(root.resolve("new004/odd.png"), 40, 30, 0x80ff20);
        return root;
    }

    /** {@code evaluate --test fashion-mnist} of {@code data}: standard-hard for 2 epochs and seed 0 unless {@code more} says otherwise. */
    private static String[] evaluate(Path data, Path dataDir, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("evaluate", "--data", data.toString(), "--test",
                "fashion-mnist", "--data-dir", dataDir.toString(), "--set", "eval_batch_size=1000", "--out", out.toString()));
        args.addAll(List.of(more));
        for (String[] d : new String[][] {{"--protocol", "standard-hard"}, {"--epochs", "2"}, {"--seeds", "0"}}) {
            if (!args.contains(d[0])) {
                args.addAll(List.of(d));
            }
        }
        return args.toArray(String[]::new);
    }

    private static List<Path> records(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static long sizeOfImages(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".png")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void evaluatesAFolderByContentAndImportGivesTheSameResult() throws IOException {
        Path dataDir = dataDir();
        Path folder = sre2lFolder(dir.resolve("a/syn_data"), dataDir);
        Path results = dir.resolve("results");
        Run e = Run.of(evaluate(folder, dataDir, results));
        assertEquals(0, e.code(), e.err());
        List<Path> files = records(results);
        assertEquals(1, files.size(), files.toString());
        String text = Files.readString(files.get(0));
        assertFalse(text.contains(dir.toString()), "no absolute path in the record: " + text);
        ResultRecord direct = JSON.readValue(text, ResultRecord.class);
        assertEquals("folder", direct.method());
        assertEquals("syn_data", direct.data());
        assertEquals("folder[label=syn_data]", direct.variant());
        assertEquals("fashion-mnist", direct.sourceDataset());
        assertEquals(21, direct.trainImages());
        assertEquals(2, direct.ipc());
        assertEquals(sizeOfImages(folder), direct.bytesImages());

        // moved elsewhere (same name): same content, same key, so the finished run is found
        Path moved = dir.resolve("b/syn_data");
        Files.createDirectories(moved.getParent());
        Files.move(folder, moved);
        Run again = Run.of(evaluate(moved, dataDir, results));
        assertEquals(0, again.code(), again.err());
        assertEquals(files, records(results), "the moved folder is the same data: nothing new to run");

        // import: a compressed dataset of the same pixels, sources unknown, original names kept
        Path imported = dir.resolve("imported");
        Run i = Run.of("import", "--data", moved.toString(), "--test", "fashion-mnist", "--data-dir", dataDir.toString(),
                "--out", imported.toString(), "--label", "sre2l");
        assertEquals(0, i.code(), i.err());
        Manifest m = CompressedDataset.open(imported).manifest();
        assertEquals("import", m.method());
        assertEquals("import[label=sre2l]", m.variant());
        assertEquals("fashion-mnist", m.sourceDataset());
        assertEquals(21, m.images().size());
        assertEquals("images/00004/00002.png", m.images().get(10).file()); // odd.png sorts after img0, img1
        assertEquals(4, m.images().get(10).label());
        assertTrue(m.images().stream().allMatch(x -> x.sources().length == 0));
        assertEquals("new004/odd.png", ((List<?>) m.parameters().get("original_files")).get(10));
        assertEquals(sizeOfImages(imported), m.bytes().images());
        assertEquals(Normalization.ofSource(ForeignFolders.fashion(dataDir)), new Normalization(m.mean(), m.std()));
        assertFalse(Files.readString(imported.resolve("manifest.json")).contains(dir.toString()));
        // importing again is a no-op
        Run same = Run.of("import", "--data", moved.toString(), "--test", "fashion-mnist", "--data-dir",
                dataDir.toString(), "--out", imported.toString(), "--label", "sre2l");
        assertEquals(0, same.code(), same.err());

        // same pixels, order, normalisation and seed as the folder itself: the same training and accuracy
        Path viaImport = dir.resolve("results-import");
        Run ei = Run.of("evaluate", "--data", imported.toString(), "--data-dir", dataDir.toString(), "--protocol",
                "standard-hard", "--epochs", "2", "--seeds", "0", "--set", "eval_batch_size=1000", "--out",
                viaImport.toString());
        assertEquals(0, ei.code(), ei.err());
        ResultRecord fromImport = JSON.readValue(records(viaImport).get(0).toFile(), ResultRecord.class);
        assertEquals("import", fromImport.method());
        assertEquals(direct.trainImages(), fromImport.trainImages());
        assertEquals(direct.ipc(), fromImport.ipc());
        assertEquals(direct.top1(), fromImport.top1());
        assertEquals(direct.top5(), fromImport.top5());
        assertArrayEquals(direct.perClass(), fromImport.perClass());

        // the report shows both, and draws the imported dataset (its images are on disk)
        Path report = dir.resolve("report");
        Run rep = Run.of("report", results.toString(), viaImport.toString(), "--datasets", dir.toString(), "--out",
                report.toString());
        assertEquals(0, rep.code(), rep.err());
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains("| folder[label=syn_data] |") && md.contains("| import[label=sre2l] |"), md);
        assertTrue(Files.isRegularFile(report.resolve("img/fashion-mnist-import-label=sre2l-ipc2-grid.png")),
                String.join(",", new java.io.File(report.resolve("img").toString()).list()));

        // a compressed dataset names its test set itself
        assertOneLineError(Run.of(evaluate(imported, dataDir, results)), "is a compressed dataset");
    }

    @Test
    void numberedAndNamedFoldersMapToTheTestClasses() throws IOException {
        Path dataDir = dataDir();
        ImageDataset fm = ForeignFolders.fashion(dataDir);
        List<String> classes = fm.classNames();
        // RDED-style 00000 folders, with a composite factor
        Path rded = ForeignFolders.classFolders(dir.resolve("rded"), fm, c -> String.format("%05d", c), 1);
        Path out = dir.resolve("rded-import");
        Run r = Run.of("import", "--data", rded.toString(), "--test", "fashion-mnist", "--data-dir", dataDir.toString(),
                "--out", out.toString(), "--factor", "2");
        assertEquals(0, r.code(), r.err());
        Manifest m = CompressedDataset.open(out).manifest();
        assertEquals(2, m.factor());
        assertEquals("import[factor=2,label=rded]", m.variant());
        for (int k = 0; k < 10; k++) {
            assertEquals(k, m.images().get(k).label());
        }
        // class names, any case; a class whose name cannot be a folder (T-shirt/top) is allowed missing
        Path named = dir.resolve("named");
        for (int c = 1; c < classes.size(); c++) {
            ForeignFolders.writeRgb(named.resolve(c % 2 == 0 ? classes.get(c).toUpperCase() : classes.get(c))
                    .resolve("x.png"), 28, 28, 0x102030 * c);
        }
        assertOneLineError(Run.of("import", "--data", named.toString(), "--test", "fashion-mnist", "--data-dir",
                dataDir.toString(), "--out", dir.resolve("named-import").toString()), "no folder for 1 of the 10 classes");
        Run n = Run.of("import", "--data", named.toString(), "--test", "fashion-mnist", "--data-dir", dataDir.toString(),
                "--out", dir.resolve("named-import").toString(), "--allow-missing-classes");
        assertEquals(0, n.code(), n.err());
        Manifest nm = CompressedDataset.open(dir.resolve("named-import")).manifest();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), nm.images().stream().map(Manifest.Entry::label).toList());
        assertEquals("PULLOVER/x.png", ((List<?>) nm.parameters().get("original_files")).get(1));
        assertEquals(1, nm.ipc()); // 9 images over 10 classes
    }

    @Test
    void everyMismatchIsAOneLineError() throws IOException {
        Path dataDir = dataDir();
        ImageDataset fm = ForeignFolders.fashion(dataDir);
        Path out = dir.resolve("out");
        String[][] cases = { // name, class folders, what the one-line error says
            {"unknown", "Trouser,dgo", "'dgo' of " + dir.resolve("unknown") + " is neither a class of fashion-mnist's 10 classes (0 T-shirt/top"},
            {"range", "new000,new012", "is class index 12 but fashion-mnist's 10 classes"},
            {"dup-number", "00003,3", "both map to class 3 (Dress)"},
            {"dup-name", "trouser,Trouser", "both map to class 1 (Trouser)"},
            {"mixed", "Trouser,00002", "mixes class-named folders ('Trouser') and numbered ones ('00002')"},
            {"prefixes", "new000,class_001", "different prefixes"},
        };
        for (String[] c : cases) {
            Path root = dir.resolve(c[0]);
            for (String folder : c[1].split(",")) {
                ForeignFolders.writeRgb(root.resolve(folder).resolve("a.png"), 28, 28, 0);
            }
            assertOneLineError(Run.of(evaluate(root, dataDir, out)), c[2]);
            assertOneLineError(Run.of("import", "--data", root.toString(), "--test", "fashion-mnist", "--data-dir",
                    dataDir.toString(), "--out", out.toString()), c[2]);
        }
        Path complete = ForeignFolders.classFolders(dir.resolve("complete"), fm, c -> String.format("%05d", c), 1);
        Path empty = dir.resolve("empty-class");
        ForeignFolders.classFolders(empty, fm, c -> String.format("%05d", c), 1);
        Files.delete(empty.resolve("00004/img0.png"));
        assertOneLineError(Run.of(evaluate(empty, dataDir, out)), "00004 holds no .png, .jpg or .jpeg image");
        Files.createDirectories(dir.resolve("nothing"));
        assertOneLineError(Run.of(evaluate(dir.resolve("nothing"), dataDir, out)), "has no class folders and no images");
        Path loose = dir.resolve("loose");
        ForeignFolders.writeRgb(loose.resolve("a.png"), 28, 28, 0);
        assertOneLineError(Run.of(evaluate(loose, dataDir, out)), "outside class folders (e.g. a.png)");
        Path missing = ForeignFolders.classFolders(dir.resolve("missing"), fm, c -> String.format("%05d", c), 1);
        org.condense.io.FileTrees.delete(missing.resolve("00008"));
        assertOneLineError(Run.of(evaluate(missing, dataDir, out)), "no folder for 1 of the 10 classes of fashion-mnist (8 Bag)");
        assertOneLineError(Run.of(evaluate(complete, dataDir, out, "--factor", "0")), "--factor 0 must be between 1");
        assertOneLineError(Run.of(evaluate(complete, dataDir, out, "--label", "../x")), "--label '../x'");
        assertOneLineError(Run.of("evaluate", "--data", complete.toString(), "--label", "x"), "add --test NAME");
        assertFalse(Files.exists(out), "nothing written on error");
    }

    @Test
    void softLabelsAndCompositeProtocolsApply() throws IOException {
        Path dataDir = dataDir();
        Path folder = ForeignFolders.classFolders(dir.resolve("rded"), ForeignFolders.fashion(dataDir),
                c -> String.valueOf(c), 1);
        Path teacher = dir.resolve("teacher");
        Run t = Run.of("train", "--dataset", "fashion-mnist", "--data-dir", dataDir.toString(), "--model", "convnet",
                "--width", "16", "--protocol", "standard-hard", "--epochs", "1", "--set", "eval_batch_size=1000", "--out",
                teacher.toString());
        assertEquals(0, t.code(), t.err());
        Path results = dir.resolve("results");
        Run soft = Run.of(evaluate(folder, dataDir, results, "--protocol", "standard-soft", "--teacher", teacher.toString(),
                "--epochs", "1"));
        assertEquals(0, soft.code(), soft.err());
        ResultRecord r = JSON.readValue(records(results).get(0).toFile(), ResultRecord.class);
        assertEquals("standard-soft", r.protocol());
        assertEquals(1L * 10 * 10 * 2, r.bytesSoftLabelsIfStored());

        Path pca = dir.resolve("results-pca");
        Run composite = Run.of(evaluate(folder, dataDir, pca, "--protocol", "pca-hard", "--epochs", "1", "--factor", "2",
                "--label", "rded-f2"));
        assertEquals(0, composite.code(), composite.err());
        ResultRecord c = JSON.readValue(records(pca).get(0).toFile(), ResultRecord.class);
        assertEquals("folder[factor=2,label=rded-f2]", c.variant());
        assertEquals("rded-f2", c.data());

        // a teacher of other classes is refused
        Path card = teacher.resolve("card.json");
        Files.writeString(card, Files.readString(card).replace("Ankle boot", "Boot"));
        assertOneLineError(Run.of(evaluate(folder, dataDir, results, "--protocol", "standard-soft", "--teacher",
                teacher.toString(), "--seeds", "5")), "trained on");
    }
}
