package org.condense.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.condense.UserException;
import org.condense.labels.LabelSelect;
import org.condense.compress.CompressionMethod;
import org.condense.compress.MethodNeeds;
import org.condense.methods.CompressionMethods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridFileTest {
    private static Grid load(Path dir, String yaml) throws Exception {
        Path f = dir.resolve("grid.yaml");
        Files.writeString(f, yaml);
        return GridFile.load(f);
    }

    @Test
    void expandsEveryCombinationInOrderWithOverridesMerged(@TempDir Path dir) throws Exception {
        Grid g = load(dir, """
                name: demo
                dataset: cifar10
                scores: scores-folder
                methods:
                  - random
                  - {method: el2n, options: {hard: true}}
                  - {method: pca, label: combine, options: {factor: 2}, set: {augment.patch: none}}
                ipc: [10, 50]
                protocols: [standard-hard, {preset: pca-hard, set: {batch_size: 64}}]
                set: {epochs: 300}
                seeds: [0, 1]
                """);
        List<BenchRun> runs = g.expand();
        assertEquals(2 * 3 * 2 * 1 * 2, runs.size()); // ipc × methods × protocols × models × seeds
        assertEquals(dir.resolve("scores-folder"), g.scores().path());
        assertEquals(List.of("convnet"), g.models());
        // order: ipc, method, seed, model, protocol
        assertEquals("cifar10 random ipc10 standard-hard{epochs=300} convnet seed0", runs.get(0).id());
        assertEquals("cifar10 random ipc10 pca-hard{batch_size=64,epochs=300} convnet seed0", runs.get(1).id());
        assertEquals("cifar10 random ipc10 standard-hard{epochs=300} convnet seed1", runs.get(2).id());
        assertEquals("el2n-hardtrue", runs.get(4).method().label());
        BenchRun combine = runs.get(8);
        assertEquals("combine", combine.method().label());
        assertEquals(Map.of("epochs", "300", "augment.patch", "none"), combine.overrides());
        assertEquals(Map.of("factor", "2"), combine.method().options());
        assertEquals("cifar10-combine-ipc10-seed0", combine.dataFolder());
        assertEquals(50, runs.get(12).ipc());
        // runs that differ only in protocol share one compressed dataset
        assertEquals(runs.get(0).dataFolder(), runs.get(1).dataFolder());
    }

    @Test
    void mistakesAreOneLineErrorsNamingTheField(@TempDir Path dir) {
        String base = "name: g\ndataset: cifar10\nipc: [10]\nprotocols: [standard-hard]\n";
        assertMessage(dir, base + "methods: [random]\ncolour: red\n", "unknown field 'colour'");
        assertMessage(dir, base + "methods: [randon]\n", "unknown method 'randon'");
        assertMessage(dir, base + "methods: [el2n]\n", "needs scores");
        assertMessage(dir, base + "methods: [random, random]\n", "two methods are labelled 'random'");
        assertMessage(dir, "name: g\ndataset: cifar10\nipc: [0]\nprotocols: [standard-hard]\nmethods: [random]\n", "positive integers");
        assertMessage(dir, "name: g\ndataset: cifar10\nprotocols: [standard-hard]\nmethods: [random]\n", "missing 'ipc'");
        assertMessage(dir, base + "methods: [random\n", "not valid YAML");
    }

    @Test
    void storedLabelsGiveARunPerPruningRatioWithDistinctIds(@TempDir Path dir) throws Exception {
        Grid g = load(dir, """
                name: demo
                dataset: cifar10
                teacher: t
                methods: [random]
                ipc: [10]
                protocols:
                  - standard-hard
                  - {preset: standard-soft, labels: stored, label_prune: [0, 0.9, 0.967], top_k: 3}
                  - {preset: standard-soft, labels: online}
                seeds: [0, 1]
                """);
        List<BenchRun> runs = g.expand();
        assertEquals(2 + 2 * 3 + 2, runs.size());
        assertEquals("cifar10 random ipc10 standard-soft stored-labels-top3 prune0 convnet seed0", runs.get(1).id());
        assertEquals("cifar10 random ipc10 standard-soft stored-labels-top3 prune0.967 convnet seed0", runs.get(3).id());
        assertEquals(0.9, runs.get(2).labelPrune());
        assertEquals(0L, runs.get(4).seed());
        assertEquals(1L, runs.get(5).seed(), "every protocol and ratio of one seed, then the next seed");
        assertEquals(runs.size(), runs.stream().map(BenchRun::id).distinct().count());
        assertEquals(runs.get(0).dataFolder(), runs.get(3).dataFolder(), "stored labels share the compressed data");
        assertTrue(!runs.get(0).storedLabels() && !runs.get(4).storedLabels() && !runs.get(9).storedLabels());
        assertEquals(List.of(0.0), load(dir, "name: g\ndataset: cifar10\nteacher: t\nmethods: [random]\nipc: [10]\n"
                + "protocols: [{preset: standard-soft, labels: stored}]\n").protocols().get(0).labelPrunes(),
                "no label_prune: every record");
    }

    @Test
    void labelSelectNamesThePrunedRunsRuleAndAnUnknownOneIsRefused(@TempDir Path dir) throws Exception {
        String head = "name: g\ndataset: cifar10\nteacher: t\nmethods: [random]\nipc: [10]\nseeds: [0]\nprotocols:\n";
        Grid g = load(dir, head + "  - {preset: standard-soft, labels: stored, label_prune: [0, 0.9]}\n"
                + "  - {preset: standard-soft, labels: stored, label_prune: [0, 0.9], label_select: epoch}\n");
        List<BenchRun> runs = g.expand();
        assertEquals(LabelSelect.BATCH, runs.get(0).protocol().labelSelect(), "none named: the default");
        assertEquals(LabelSelect.EPOCH, runs.get(3).protocol().labelSelect());
        assertEquals("cifar10 random ipc10 standard-soft stored-labels prune0.9 convnet seed0", runs.get(1).id(),
                "the default rule's names are as before");
        assertEquals("cifar10 random ipc10 standard-soft stored-labels prune0.9-by-epoch convnet seed0",
                runs.get(3).id());
        assertEquals(runs.get(0).id(), runs.get(2).id(), "unpruned, the rule does not apply");
        UserException unknown = assertThrows(UserException.class, () -> load(dir, head
                + "  - {preset: standard-soft, labels: stored, label_prune: [0.9], label_select: entropy}\n"));
        assertEquals("grid " + dir.resolve("grid.yaml") + ": protocol standard-soft: unknown label selection "
                + "'entropy'; use one of batch, epoch", unknown.getMessage());
        UserException online = assertThrows(UserException.class, () -> load(dir, head
                + "  - {preset: standard-soft, label_select: epoch}\n"));
        assertTrue(online.getMessage().contains("add `labels: stored`"), online.getMessage());
    }

    @Test
    void aRowCanRunUnderSomeOfTheGridsProtocolsOnly(@TempDir Path dir) throws Exception {
        String base = "name: g\ndataset: cifar10\nteacher: t\nscores: s\nipc: [10]\nseeds: [0]\n"
                + "protocols: [{preset: standard-soft, labels: stored, label_prune: [0, 0.9]}, standard-hard]\n";
        List<BenchRun> runs = load(dir, base + "methods: [{method: random, protocols: [standard-soft]}, "
                + "{method: pca, label: pca, options: {factor: 2}, protocols: [standard-hard]}]\n").expand();
        assertEquals(List.of("cifar10 random ipc10 standard-soft stored-labels prune0 convnet seed0",
                "cifar10 random ipc10 standard-soft stored-labels prune0.9 convnet seed0",
                "cifar10 pca ipc10 standard-hard convnet seed0"), runs.stream().map(BenchRun::id).toList());
        assertMessage(dir, base + "methods: [{method: random, protocols: [standard-sotf]}]\n",
                "method random names protocol 'standard-sotf', which is not among the grid's protocols");
    }

    /** The label-storage grid: its rows are those of cifar10-labels (same data folders), PCA only with hard labels. */
    @Test
    void theLabelStorageGridSharesTheLabelsGridsData() {
        Grid storage = GridFile.load(Path.of("bench", "grids", "cifar10-label-storage.yaml"));
        Grid labels = GridFile.load(Path.of("bench", "grids", "cifar10-labels.yaml"));
        List<BenchRun> runs = storage.expand();
        assertEquals(5 * 4 * 3 + 3, runs.size(), "5 soft rows at 4 ratios, PCA once; 3 seeds");
        assertEquals(runs.size(), runs.stream().map(BenchRun::id).distinct().count());
        java.util.Set<String> shared = new java.util.HashSet<>();
        labels.expand().forEach(r -> shared.add(r.dataFolder()));
        for (BenchRun r : runs) {
            assertTrue(shared.contains(r.dataFolder()), r.dataFolder());
            assertEquals(r.method().label().equals("pca"), !r.storedLabels(), r.id());
        }
        assertEquals(List.of(0.0, 0.9, 0.967, 0.99), storage.protocols().get(0).labelPrunes());
        assertEquals(labels.teacher(), storage.teacher());
        assertEquals(labels.scores(), storage.scores());
        for (MethodEntry m : storage.methods()) {
            MethodEntry same = labels.methods().stream().filter(x -> x.label().equals(m.label())).findFirst().orElseThrow();
            assertEquals(same.options(), m.options(), m.label());
            assertEquals(same.set(), m.set(), m.label());
        }
    }

    /** Which rows need the grid's scores or teacher is what each registered method declares, for every method. */
    @Test
    void theRegistryDecidesWhichMethodsNeedScoresOrATeacher(@TempDir Path dir) throws Exception {
        String base = "name: g\ndataset: cifar10\nipc: [10]\nprotocols: [standard-hard]\n";
        for (CompressionMethod m : CompressionMethods.all()) {
            String row = "methods: [" + m.name() + "]\n";
            if (m.needs().readsScores()) {
                assertMessage(dir, base + row, m.name() + " needs scores");
                // its own scores option serves it as well
                load(dir, base + "methods: [{method: " + m.name() + ", options: {scores: s.csv}}]\n");
            } else if (m.needs().needsTeacher()) {
                assertMessage(dir, base + row, m.name() + " needs a teacher");
                load(dir, base + "methods: [{method: " + m.name() + ", options: {teacher: t}}]\n");
            } else {
                assertEquals(1, load(dir, base + row).methods().size());
            }
            assertEquals(m.needs().readsScores(), load(dir, base + "scores: s\nteacher: t\n" + row).methods().get(0)
                    .needs().readsScores());
        }
        // the methods of this version, as the committed results were made: a change here changes run keys
        List<String> scores = CompressionMethods.all().stream().filter(m -> m.needs().readsScores())
                .map(CompressionMethod::name).toList();
        assertEquals(List.of("el2n", "forgetting", "aum", "ccs", "pca"), scores);
        assertMessage(dir, base + "methods: [{method: random, options: {factor: 2}}]\n",
                "method random has no option 'factor'");
    }

    /** {@code teacher:} takes one folder or a list; gvbsm gets them all, other teacher users the first. */
    @Test
    void teacherIsAFolderOrAList(@TempDir Path dir) throws Exception {
        String base = "name: g\ndataset: cifar10\nipc: [10]\nprotocols: [standard-hard]\nmethods: [gvbsm, sre2l]\n";
        Grid one = load(dir, base + "teacher: t1\n");
        assertEquals(dir.resolve("t1").toString(), one.teacher());
        assertEquals(dir.resolve("t1").toString(), one.firstTeacher());
        Grid list = load(dir, base + "teacher: [t1, sub/t2]\n");
        assertEquals(dir.resolve("t1") + "," + dir.resolve("sub/t2"), list.teacher());
        assertEquals(dir.resolve("t1").toString(), list.firstTeacher());
        assertEquals(MethodNeeds.Teachers.SEVERAL, CompressionMethods.get("gvbsm").needs().teachers());
        assertEquals(MethodNeeds.Teachers.ONE, CompressionMethods.get("sre2l").needs().teachers());
        assertMessage(dir, base, "gvbsm, sre2l need a teacher");
        assertMessage(dir, base + "teacher: [t1, 'a,b']\n", "without commas");
        assertMessage(dir, base + "teacher: []\n", "'teacher' is empty");
    }

    /** A soft protocol asks the first teacher; an ensemble protocol (gvbsm-soft) combines all of them; hard asks none. */
    @Test
    void ensembleProtocolsTakeEveryTeacherOfTheGrid(@TempDir Path dir) throws Exception {
        Grid g = load(dir, "name: g\ndataset: cifar10\nipc: [10]\nmethods: [random]\nteacher: [t1, t2, t3]\n"
                + "protocols: [standard-soft, gvbsm-soft]\n");
        org.condense.train.Recipe soft = org.condense.evaluate.Protocols.load("standard-soft", Map.of()).recipe();
        org.condense.train.Recipe ensemble = org.condense.evaluate.Protocols.load("gvbsm-soft", Map.of()).recipe();
        org.condense.train.Recipe hard = org.condense.evaluate.Protocols.load("standard-hard", Map.of()).recipe();
        assertEquals(dir.resolve("t1"), g.onlineTeacher(soft));
        assertEquals(List.of(), g.ensembleTeachers(soft));
        assertEquals(dir.resolve("t1"), g.onlineTeacher(ensemble));
        assertEquals(List.of(dir.resolve("t2"), dir.resolve("t3")), g.ensembleTeachers(ensemble));
        assertEquals(null, g.onlineTeacher(hard));
        assertEquals(List.of(), g.ensembleTeachers(hard));
    }

    private static void assertMessage(Path dir, String yaml, String expected) {
        UserException e = assertThrows(UserException.class, () -> load(dir, yaml));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void shippedGridsParse() {
        Path grids = Path.of("bench", "grids");
        try (var files = Files.list(grids)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertTrue(all.size() >= 3, "grids shipped in bench/grids: " + all);
            for (Path p : all) {
                assertTrue(GridFile.load(p).expand().size() > 0, p.toString());
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
