package org.condense.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.condense.UserException;
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
        // order: ipc, method, protocol, model, seed
        assertEquals("cifar10 random ipc10 standard-hard{epochs=300} convnet seed0", runs.get(0).id());
        assertEquals("cifar10 random ipc10 standard-hard{epochs=300} convnet seed1", runs.get(1).id());
        assertEquals("cifar10 random ipc10 pca-hard{batch_size=64,epochs=300} convnet seed0", runs.get(2).id());
        assertEquals("el2n-hardtrue", runs.get(4).method().label());
        BenchRun combine = runs.get(8);
        assertEquals("combine", combine.method().label());
        assertEquals(Map.of("epochs", "300", "augment.patch", "none"), combine.overrides());
        assertEquals(Map.of("factor", "2"), combine.method().options());
        assertEquals("cifar10-combine-ipc10-seed0", combine.dataFolder());
        assertEquals(50, runs.get(12).ipc());
        // runs that differ only in protocol share one compressed dataset
        assertEquals(runs.get(0).dataFolder(), runs.get(2).dataFolder());
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
        assertTrue(GridFile.MULTI_TEACHER_METHODS.contains("gvbsm"));
        assertTrue(!GridFile.MULTI_TEACHER_METHODS.contains("sre2l"));
        assertMessage(dir, base, "gvbsm need a teacher");
        assertMessage(dir, base + "teacher: [t1, 'a,b']\n", "without commas");
        assertMessage(dir, base + "teacher: []\n", "'teacher' is empty");
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
