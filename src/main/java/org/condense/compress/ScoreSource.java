package org.condense.compress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.condense.UserException;
import org.condense.data.ImageDataset;
import org.condense.score.ScoreImport;

/** The scores file a selection method reads ({@code scores=FILE}), with its content hash for the manifest. */
record ScoreSource(Path file) {
    static final String OPTION = "scores";

    static ScoreSource of(MethodOptions options) {
        String file = options.required(OPTION, "pass --scores FILE (a scores.csv or <score>.npy from `condense score`, "
                + "or scores of another tool in dataset order)");
        return new ScoreSource(ScoreImport.resolve(Path.of(file)).toAbsolutePath().normalize());
    }

    /** The named score for each sample of {@code dataset}, validated against it. */
    double[] read(String score, ImageDataset dataset) {
        return ScoreImport.read(file, score, dataset);
    }

    String sha256() {
        return sha256(file);
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UserException("cannot read scores file " + file + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
