package org.condense.score;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.model.NetworkSpec;
import org.condense.model.Networks;
import org.condense.train.Checkpoints;
import org.condense.train.ProgressListener;
import org.condense.train.Recipe;
import org.condense.train.TrainingLoop;
import org.condense.model.Devices;

/** One scoring run: a fresh network trained on the whole training set with a recorder watching every batch. */
public final class ScoreRun {
    /** The recorder's file in a checkpoint folder. */
    public static final String STATE_FILE = "scores.state";

    private ScoreRun() {}

    /**
     * Trains and fills {@code recorder}; with {@code checkpoints}, the recorder is saved with every
     * epoch's checkpoint and restored on resume, so an interrupted run ends with the same scores.
     *
     * @param checkpoints where to checkpoint and resume, or null
     */
    public static void train(ScoreRecorder recorder, ImageDataset train, Normalization normalization, Recipe recipe,
            NetworkSpec spec, long seed, Checkpoints checkpoints, ProgressListener progress) {
        if (checkpoints != null) {
            checkpoints.attach(STATE_FILE, recorder);
        }
        try (NDManager manager = Devices.newManager()) {
            Block model = Networks.create(spec);
            Networks.initialize(model, manager, spec, seed);
            new TrainingLoop(recipe, seed, progress).observedBy(recorder)
                    .fit(model, manager, train, normalization, null, checkpoints);
        }
    }
}
