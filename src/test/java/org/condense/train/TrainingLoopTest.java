package org.condense.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.condense.ToyDataset;
import org.condense.data.InMemoryDataset;
import org.condense.data.Normalization;
import org.condense.evaluate.Protocols;
import org.condense.model.NetworkSpec;
import org.condense.model.Networks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {
    private final InMemoryDataset toy = ToyDataset.balanced(3, 8, 1, 16);
    private final Normalization norm = new Normalization(new float[] {0.5f}, new float[] {0.29f});
    private final NetworkSpec spec = NetworkSpec.of("convnet", 1, 16, 3).withWidthDepth(16, 2);

    private Recipe recipe(int epochs) {
        return Protocols.load("standard-hard", Map.of("epochs", String.valueOf(epochs), "batch_size", "10",
                "lr", "0.01", "augment.cutmix.prob", "0.5")).recipe();
    }

    /** Trains (optionally resuming from checkpoints) and returns every parameter's values. */
    private List<float[]> train(Recipe recipe, long seed, Checkpoints checkpoints, List<Double> losses) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Networks.create(spec);
            Networks.initialize(block, m, spec, seed);
            new TrainingLoop(recipe, seed, s -> losses.add(s.loss())).fit(block, m, toy, norm, null, checkpoints);
            List<float[]> values = new ArrayList<>();
            for (Parameter p : TrainingLoop.trainableParameters(block)) {
                values.add(p.getArray().toFloatArray());
            }
            return values;
        }
    }

    @Test
    void sameSeedGivesBitIdenticalWeights() {
        List<float[]> a = train(recipe(3), 5, null, new ArrayList<>());
        List<float[]> b = train(recipe(3), 5, null, new ArrayList<>());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i));
        }
    }

    @Test
    void aDivergedRunIsAOneLineUserError() {
        Recipe explosive = Protocols.load("standard-hard", Map.of("epochs", "5", "batch_size", "8", "lr", "1e12",
                "augment.crop.type", "none", "augment.flip", "0")).recipe();
        org.condense.UserException e = org.junit.jupiter.api.Assertions.assertThrows(org.condense.UserException.class,
                () -> train(explosive, 1, null, new ArrayList<>()));
        assertTrue(e.getMessage().matches("training diverged in epoch [1-5] of 5 \\(mean loss (NaN|Infinity)\\); "
                + "lower the learning rate \\(--lr\\)"), e.getMessage());
    }

    @Test
    void lossDecreasesOnASmallSet() {
        List<Double> losses = new ArrayList<>();
        train(Protocols.load("standard-hard", Map.of("epochs", "30", "batch_size", "8", "lr", "0.01",
                "augment.crop.type", "none", "augment.flip", "0")).recipe(), 1, null, losses);
        assertEquals(30, losses.size());
        assertTrue(losses.get(29) < 0.5 * losses.get(0), "loss " + losses.get(0) + " -> " + losses.get(29));
    }

    @Test
    void resumingFromACheckpointEqualsAnUninterruptedRun(@TempDir Path dir) {
        List<float[]> straight = train(recipe(4), 3, null, new ArrayList<>());
        // "crash" after 2 epochs: a 2-epoch run with the 4-epoch run's key would differ in its schedule,
        // so emulate the interruption by running the 4-epoch recipe and stopping via a throwing listener
        Checkpoints ck = new Checkpoints(dir, "run");
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Networks.create(spec);
            Networks.initialize(block, m, spec, 3);
            ProgressListener crashAfterTwo = s -> {
                if (s.epoch() == 1) {
                    throw new IllegalStateException("simulated crash");
                }
            };
            try {
                new TrainingLoop(recipe(4), 3, crashAfterTwo).fit(block, m, toy, norm, null, ck);
            } catch (IllegalStateException expected) {
                // the checkpoint of epoch 2 was written before the listener ran
            }
        }
        String[] marker = readMarker(dir);
        assertEquals("1", marker[1], "the marker names the last finished epoch (0-based)");
        double spentBeforeCrash = Double.parseDouble(marker[2]);
        assertTrue(spentBeforeCrash > 0, "the marker records the seconds spent so far");
        List<Double> resumedEpochs = new ArrayList<>();
        Checkpoints reopened = new Checkpoints(dir, "run");
        List<float[]> resumed = train(recipe(4), 3, reopened, resumedEpochs);
        assertEquals(2, resumedEpochs.size(), "only epochs 3 and 4 run after resuming");
        assertEquals(spentBeforeCrash, reopened.priorSeconds(), 0.0, "the earlier process's seconds carry over");
        assertTrue(Double.parseDouble(readMarker(dir)[2]) > spentBeforeCrash, "and keep adding up");
        for (int i = 0; i < straight.size(); i++) {
            assertArrayEquals(straight.get(i), resumed.get(i));
        }
    }

    private static String[] readMarker(Path dir) {
        try {
            return java.nio.file.Files.readString(Checkpoints.current(dir).resolve("checkpoint.txt")).split("\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
