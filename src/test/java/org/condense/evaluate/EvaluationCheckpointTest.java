package org.condense.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.condense.cli.Main;
import org.condense.data.DataOptions;
import org.condense.train.ProgressListener;
import org.condense.train.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A student run killed mid-training resumes from its checkpoint and ends exactly where an
 * uninterrupted run ends; the checkpoint is gone once the run is tested. Real Fashion-MNIST, IPC 2.
 */
class EvaluationCheckpointTest {
    private static final int EPOCHS = 6;

    /** Thrown from the progress listener: the process "dies" right after an epoch's checkpoint. */
    private static final class Killed extends RuntimeException {}

    @Test
    void aKilledRunResumesFromItsCheckpointWithTheSameResult(@TempDir Path dir) {
        Path data = dir.resolve("data");
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(err, true), "compress", "--dataset", "fashion-mnist", "--method",
                "random", "--ipc", "2", "--seed", "0", "--out", data.toString()), err.toString());
        Protocol protocol = Protocols.load("standard-hard", Map.of("epochs", String.valueOf(EPOCHS),
                "eval_batch_size", "1000"));
        List<String> log = new ArrayList<>();
        EvaluationRunner.Plan plan = new EvaluationRunner(log::add).plan(new EvaluationRunner.Request(data.toString(),
                protocol, "convnet", null, List.of(0L), null, null, DataOptions.defaults()));

        ResultRecord uninterrupted = plan.train(0);

        Path checkpoints = dir.resolve("checkpoints");
        List<Integer> epochsSeen = new ArrayList<>();
        ProgressListener dieAfterEpoch3 = stats -> {
            epochsSeen.add(stats.epoch());
            if (stats.epoch() == 2) {
                throw new Killed();
            }
        };
        assertThrows(Killed.class, () -> plan.train(0, checkpoints, 0, dieAfterEpoch3));
        Path checkpoint = checkpoints.resolve(plan.key(0));
        assertTrue(Files.isRegularFile(org.condense.train.Checkpoints.current(checkpoint).resolve("checkpoint.txt")),
                "the killed run left its checkpoint");

        epochsSeen.clear();
        ResultRecord resumed = plan.train(0, checkpoints, 0, stats -> epochsSeen.add(stats.epoch()));
        assertEquals(List.of(3, 4, 5), epochsSeen, "only the epochs after the checkpoint ran again");
        assertEquals(uninterrupted.key(), resumed.key());
        assertEquals(uninterrupted.top1(), resumed.top1());
        assertArrayEquals(uninterrupted.perClass(), resumed.perClass());
        assertTrue(log.stream().anyMatch(l -> l.contains("resumed after epoch 3")), String.join("\n", log));
        assertFalse(Files.exists(checkpoint), "the checkpoint is deleted once the run is tested");
    }
}
