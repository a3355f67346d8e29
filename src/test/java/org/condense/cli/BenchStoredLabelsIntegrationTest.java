package org.condense.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.condense.bench.ResultStore;
import org.condense.data.DataOptions;
import org.condense.data.Datasets;
import org.condense.data.Split;
import org.condense.distill.DistillFixtures;
import org.condense.evaluate.ResultRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A grid with stored labels on real Fashion-MNIST (IPC 2, 2 epochs): the dry run lists the relabel
 * job, one label folder serves both pruning ratios, and each ratio is a record of its own with
 * measured label bytes. About 3 minutes on a busy 2-core machine (testing on the full test set
 * dominates): run with {@code -P integration}.
 */
@Tag("integration")
class BenchStoredLabelsIntegrationTest {

    @Test
    void relabelsOnceAndRunsEveryPruningRatio(@TempDir Path dir) throws Exception {
        Path teacher = DistillFixtures.teacher(dir.resolve("teacher"),
                Datasets.open("fashion-mnist", Split.TRAIN, DataOptions.defaults()), "batch");
        Path gridFile = dir.resolve("grid.yaml");
        Files.writeString(gridFile, """
                name: fm-labels
                dataset: fashion-mnist
                teacher: %s
                methods: [random]
                ipc: [2]
                protocols:
                  - {preset: standard-soft, labels: stored, label_prune: [0, 0.5]}
                set: {epochs: 2, batch_size: 8, eval_batch_size: 1000}
                seeds: [0]
                """.formatted(teacher));
        Path work = dir.resolve("work");
        String[] bench = {"bench", gridFile.toString(), "--work", work.toString(), "--workers", "1"};

        String plan = stdout(() -> assertEquals(0, Run.of(concat(bench, "--dry-run")).code()));
        // status column, then the job (the column's width is the dry run's business)
        assertTrue(java.util.regex.Pattern.compile("to relabel +relabel fashion-mnist-random-ipc2-seed0 seed 0 -> ")
                .matcher(plan).find(), plan);
        assertTrue(plan.contains("stored-labels prune0.5"), plan);

        Run first = Run.of(bench);
        assertEquals(0, first.code(), first.err());
        List<ResultRecord> records = ResultStore.read(work.resolve("results.jsonl"));
        assertEquals(2, records.size());
        assertEquals(2, records.stream().map(ResultRecord::key).distinct().count(), "the ratio is part of the key");
        records = records.stream().sorted(Comparator.comparingDouble(r -> r.protocolConfig().get("label_prune")
                .asDouble())).toList();
        for (ResultRecord r : records) {
            assertEquals("stored", r.protocolConfig().get("label_source").asText());
        }
        assertEquals(0.5, records.get(1).protocolConfig().get("label_prune").asDouble());
        Path labels;
        try (Stream<Path> folders = Files.list(work.resolve("labels"))) {
            List<Path> all = folders.toList();
            assertEquals(1, all.size(), "one label folder for both ratios: " + all);
            labels = all.get(0);
        }
        long onDisk;
        try (Stream<Path> files = Files.list(labels)) {
            onDisk = files.mapToLong(p -> p.toFile().length()).sum();
        }
        // beside the data's own class labels (a few bytes per image)
        long own = records.get(0).bytesLabels() - onDisk;
        assertTrue(own >= 0 && own < 200, "ratio 0 uses every label file: " + records.get(0).bytesLabels() + " vs " + onDisk);
        long half = records.get(1).bytesLabels() - own;
        // 3 of 6 batch records: one epoch's files of two, plus the whole index
        long index = Files.size(labels.resolve("labels.json"));
        assertEquals((onDisk - index) / 2 + index, half, "ratio 0.5 counts half the rows");

        // nothing left to do; the dry run sees the labels and both records
        String again = stdout(() -> assertEquals(0, Run.of(concat(bench, "--dry-run")).code()));
        assertTrue(again.contains("labelled"), again);
        assertTrue(again.contains("0 runs to train"), again);
        assertEquals(0, Run.of(bench).code());
        assertEquals(2, ResultStore.read(work.resolve("results.jsonl")).size());
        String verify = stdout(() -> assertEquals(0, Run.of(concat(bench, "--verify")).code()));
        assertTrue(verify.contains("0 problem(s)"), verify);
    }

    private static String[] concat(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }

    private static String stdout(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
