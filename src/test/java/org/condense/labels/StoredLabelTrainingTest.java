package org.condense.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.condense.cli.Main;
import org.condense.data.DataOptions;
import org.condense.evaluate.EvaluationRunner;
import org.condense.evaluate.ResultRecord;
import org.condense.model.NetworkSpec;
import org.condense.model.Networks;
import org.condense.train.ProgressListener;
import org.condense.train.SoftLabelSource;
import org.condense.train.Teacher;
import org.condense.train.TeacherStore;
import org.condense.train.TrainingLoop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training from stored labels against the online teacher, same seed, same tiny Fashion-MNIST
 * set as {@link StoredLabelsTest}: float32 labels give bit-identical weights; float16 labels are
 * measured.
 */
class StoredLabelTrainingTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        StoredLabelsTest.prepare(dir);
    }

    private static float[][] train(SoftLabelSource labels) {
        NetworkSpec spec = NetworkSpec.of("convnet", 1, 28, 10);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block student = Networks.create(spec);
            Networks.initialize(student, manager, spec, StoredLabelsTest.SEED);
            Teacher teacher = labels != null ? null
                    : TeacherStore.load(StoredLabelsTest.teacher, manager, StoredLabelsTest.training.train().classNames());
            new TrainingLoop(StoredLabelsTest.protocol.recipe(), StoredLabelsTest.SEED, ProgressListener.SILENT)
                    .withStoredLabels(labels)
                    .fit(student, manager, StoredLabelsTest.training.train(), StoredLabelsTest.training.normalization(),
                            teacher, null);
            List<float[]> weights = new ArrayList<>();
            for (Pair<String, Parameter> p : student.getParameters()) {
                weights.add(p.getValue().getArray().toFloatArray());
            }
            return weights.toArray(new float[0][]);
        }
    }

    @Test
    void float32LabelsReproduceTheOnlineRunBitForBit() {
        Path out = StoredLabelsTest.dir.resolve("train-fp32");
        StoredLabelsTest.relabel(out, 0, true);
        float[][] online = train(null);
        float[][] stored = train(StoredLabels.open(out).pruned(0));
        assertEquals(online.length, stored.length);
        for (int i = 0; i < online.length; i++) {
            assertArrayEquals(online[i], stored[i], "parameter " + i);
        }

        Path half = StoredLabelsTest.dir.resolve("train-fp16");
        StoredLabelsTest.relabel(half, 0, false);
        float[][] rounded = train(StoredLabels.open(half).pruned(0));
        double maxDiff = 0;
        for (int i = 0; i < online.length; i++) {
            for (int j = 0; j < online[i].length; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(online[i][j] - rounded[i][j]));
            }
        }
        System.out.printf("float16 labels: largest weight difference to the online run after 3 epochs: %.3g%n", maxDiff);
        assertTrue(maxDiff < 1e-2, "float16 rounding moves the weights only slightly: " + maxDiff);

        float[][] pruned = train(StoredLabels.open(out).pruned(0.5));
        assertNotEquals(0, Math.abs(pruned[0][0] - online[0][0]), "a pruned run trains on other batches");
    }

    @Test
    void evaluateWithStoredLabelsMatchesTheOnlineTeacherAndCountsLabelBytes() {
        Path labels = StoredLabelsTest.dir.resolve("eval-fp32");
        Path results = StoredLabelsTest.dir.resolve("results");
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(err, true), "relabel", "--data", StoredLabelsTest.data.toString(),
                "--teacher", StoredLabelsTest.teacher.toString(), "--protocol", "standard-soft", "--epochs", "3",
                "--batch-size", "8", "--seed", "5", "--fp32", "--out", labels.toString()), err.toString());
        List<String> log = new ArrayList<>();
        EvaluationRunner runner = new EvaluationRunner(log::add);
        ResultRecord online = runner.run(request(results, StoredLabelsTest.teacher, null, 0)).get(0);
        ResultRecord stored = runner.run(request(results, null, labels, 0)).get(0);
        assertEquals(online.top1(), stored.top1());
        assertArrayEquals(online.perClass(), stored.perClass());
        assertNotEquals(online.key(), stored.key(), "the label source is part of the run's identity");
        assertEquals(0, online.bytesLabels());
        assertTrue(online.bytesSoftLabelsIfStored() > 0, "online: only the estimate");
        long measured = StoredLabels.open(labels).pruned(0).bytesUsed();
        assertEquals(measured, stored.bytesLabels());
        assertEquals(0, stored.bytesSoftLabelsIfStored(), "no estimate once labels are measured");
        assertEquals("stored", stored.protocolConfig().path("label_source").asText());
        assertTrue(stored.teacher().startsWith("sha256:"), stored.teacher());
        assertNull(online.protocolConfig().get("label_source"));


        // wrong labels fail before any training, in one line
        StringWriter wrong = new StringWriter();
        assertEquals(2, Main.execute(new PrintWriter(wrong, true), "evaluate", "--data", StoredLabelsTest.data.toString(),
                "--protocol", "standard-soft", "--epochs", "3", "--batch-size", "8", "--seeds", "6", "--labels",
                labels.toString(), "--out", results.toString()), wrong.toString());
        assertTrue(wrong.toString().startsWith("condense: error: labels in ") && wrong.toString().contains("seed 5"),
                wrong.toString());
        assertEquals(1, wrong.toString().strip().lines().count(), wrong.toString());
    }

    private static EvaluationRunner.Request request(Path out, Path teacher, Path labels, double prune) {
        return new EvaluationRunner.Request(StoredLabelsTest.data.toString(), StoredLabelsTest.protocol, "convnet", null,
                List.of(StoredLabelsTest.SEED), teacher, out, DataOptions.defaults(), null, labels, prune);
    }
}
