package org.condense.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.condense.ToyDataset;
import org.condense.UserException;
import org.condense.data.InMemoryDataset;
import org.condense.data.Normalization;
import org.condense.evaluate.Protocols;
import org.condense.model.NetworkSpec;
import org.condense.train.Checkpoints;
import org.condense.train.ProgressListener;
import org.condense.train.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreRunTest {
    private final InMemoryDataset toy = ToyDataset.balanced(3, 8, 1, 16);
    private final Normalization norm = new Normalization(new float[] {0.5f}, new float[] {0.29f});
    private final NetworkSpec spec = NetworkSpec.of("convnet", 1, 16, 3).withWidthDepth(16, 2);
    private final Protocol protocol = Protocols.load("score-sgd", Map.of("epochs", "3", "batch_size", "10", "lr", "0.01"));

    private ScoreRecorder run(Checkpoints checkpoints, ProgressListener progress) {
        ScoreRecorder recorder = new ScoreRecorder(toy.size(), 2, 3);
        ScoreRun.train(recorder, toy, norm, protocol.recipe(), spec, 7, checkpoints, progress);
        return recorder;
    }

    @Test
    void resumingAfterACrashGivesTheScoresOfAnUninterruptedRun(@TempDir Path dir) {
        Scores straight = run(null, ProgressListener.SILENT).scores(false, false);
        Checkpoints first = new Checkpoints(dir, "run");
        ProgressListener crashAfterEpochOne = s -> {
            if (s.epoch() == 0) {
                throw new IllegalStateException("simulated crash");
            }
        };
        assertThrows(IllegalStateException.class, () -> run(first, crashAfterEpochOne));
        List<Integer> epochsRun = new ArrayList<>();
        ScoreRecorder resumed = run(new Checkpoints(dir, "run"), s -> epochsRun.add(s.epoch()));
        assertEquals(List.of(1, 2), epochsRun, "only epochs 2 and 3 run after resuming");
        assertEquals(3L * toy.size(), resumed.observations());
        for (String name : Scores.NAMES) {
            assertArrayEquals(straight.column(name), resumed.scores(false, false).column(name), name);
        }
        // the scores carry information: samples differ
        double[] el2n = straight.column(Scores.EL2N);
        assertTrue(java.util.Arrays.stream(el2n).distinct().count() > toy.size() / 2);
        assertFalse(java.util.Arrays.stream(el2n).anyMatch(v -> !(v > 0)));
    }

    @Test
    void requestsThatCannotGiveSoundScoresAreRefused(@TempDir Path dir) {
        assertRefused(protocol, spec.withWidthDepth(8, 2), 2, "--width 8 is too narrow", dir);
        assertRefused(protocol, spec, 4, "--k 4 must be between 1 and the run's 3 epochs", dir);
        assertRefused(Protocols.load("score-sgd", Map.of("augment.cutmix.prob", "0.5")), spec, 2, "CutMix", dir);
        assertRefused(Protocols.load("standard-soft"), spec, 2, "soft labels", dir);
    }

    private void assertRefused(Protocol p, NetworkSpec s, int k, String expected, Path dir) {
        UserException e = assertThrows(UserException.class,
                () -> new ScoreJob.Request(toy, p, s, k, 1, 0, false, false, dir));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
