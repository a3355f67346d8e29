package org.condense.compress;

import java.nio.file.Path;
import org.condense.data.ImageDataset;
import org.condense.score.ScoreImport;

/** The scores file a selection method reads ({@code scores=FILE}); the Compressor pins its content in the manifest. */
record ScoreSource(Path file) {
    static final String OPTION = MethodNeeds.SCORES;

    static ScoreSource of(MethodOptions options) {
        String file = options.required(OPTION, "pass --scores FILE (a scores.csv or <score>.npy from `condense score`, "
                + "or scores of another tool in dataset order)");
        return new ScoreSource(ScoreImport.resolve(Path.of(file)).toAbsolutePath().normalize());
    }

    /** The named score for each sample of {@code dataset}, validated against it. */
    double[] read(String score, ImageDataset dataset) {
        return ScoreImport.read(file, score, dataset);
    }
}
