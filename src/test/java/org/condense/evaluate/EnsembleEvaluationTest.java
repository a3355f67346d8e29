package org.condense.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.condense.cli.Main;
import org.condense.data.DataOptions;
import org.condense.data.Datasets;
import org.condense.data.ImageDataset;
import org.condense.data.Split;
import org.condense.distill.DistillFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gvbsm-soft} with several teachers, on Fashion-MNIST at IPC 2 with tiny teachers. */
class EnsembleEvaluationTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path teacherA;
    static Path teacherB;
    static Path otherClasses;

    @BeforeAll
    static void setUp() throws Exception {
        data = dir.resolve("data");
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(err, true), "compress", "--dataset", "fashion-mnist", "--method",
                "random", "--ipc", "2", "--seed", "0", "--out", data.toString()), err.toString());
        ImageDataset full = Datasets.open("fashion-mnist", Split.TRAIN, DataOptions.defaults());
        teacherA = DistillFixtures.teacher(dir.resolve("a"), full, "batch");
        teacherB = DistillFixtures.teacher(dir.resolve("b"), full, "instance");
        List<String> reversed = new ArrayList<>(full.classNames());
        Collections.reverse(reversed);
        otherClasses = DistillFixtures.teacher(dir.resolve("other"), full, "batch", reversed);
    }

    private static String[] evaluate(String protocol, String teachers, Path out) {
        return new String[] {"evaluate", "--data", data.toString(), "--protocol", protocol, "--teacher", teachers,
                "--epochs", "1", "--batch-size", "8", "--set", "eval_batch_size=1000", "--seeds", "0", "--out",
                out.toString()};
    }

    private static String oneLineError(String... args) {
        StringWriter err = new StringWriter();
        assertEquals(2, Main.execute(new PrintWriter(err, true), args), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        return err.toString();
    }

    @Test
    void severalTeachersLabelTogetherAndNameTheRun() {
        Path out = dir.resolve("results");
        List<String> log = new ArrayList<>();
        EvaluationRunner runner = new EvaluationRunner(log::add);
        var protocol = Protocols.load("gvbsm-soft", Map.of("epochs", "1", "batch_size", "8", "eval_batch_size", "1000"));
        ResultRecord both = runner.run(new EvaluationRunner.Request(data.toString(), protocol, "convnet", null,
                List.of(0L), teacherA, out, DataOptions.defaults(), null, null, 0, List.of(teacherB))).get(0);
        ResultRecord one = runner.run(new EvaluationRunner.Request(data.toString(), protocol, "convnet", null,
                List.of(0L), teacherA, out, DataOptions.defaults())).get(0);
        // teachers are named by the SHA-256 of their weights, in the order given
        String a = "sha256:" + org.condense.train.TeacherStore.weightsSha256(teacherA);
        String b = "sha256:" + org.condense.train.TeacherStore.weightsSha256(teacherB);
        assertEquals(a + "," + b, both.teacher());
        assertEquals(a, one.teacher());
        assertNotEquals(both.key(), one.key(), "the teachers are part of the run's identity");
        assertEquals("mse-ce", both.protocolConfig().path("soft_loss").path("type").asText());
        assertTrue(Double.isFinite(both.top1()));
    }

    @Test
    void teachersOfOtherClassesOrAOneTeacherProtocolFailInOneLine() {
        Path out = dir.resolve("refused");
        String mismatch = oneLineError(evaluate("gvbsm-soft", teacherA + "," + otherClasses, out));
        assertTrue(mismatch.contains("teachers disagree on the classes"), mismatch);
        String single = oneLineError(evaluate("standard-soft", teacherA + "," + teacherB, out));
        assertTrue(single.contains("gvbsm-soft"), single);
    }
}
