package org.condense.labels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.condense.UserException;
import org.condense.train.Protocol;
import org.condense.compress.TrainingData;
import org.condense.io.Hashing;

/** The SHA-256 names of what stored labels are made from: the data, the teacher, the protocol. */
public final class LabelInputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelInputs() {}

    /** The manifest's bytes for a compressed dataset; else the data's identity (e.g. a full dataset's name). */
    public static String datasetSha256(String data, TrainingData training) {
        Path manifest = Path.of(data).resolve("manifest.json");
        try {
            if (Files.isRegularFile(manifest)) {
                return Hashing.sha256(manifest);
            }
        } catch (IOException e) {
            throw new UserException("cannot read " + manifest + ": " + e.getMessage());
        }
        return Hashing.sha256(JSON.valueToTree(training.identity()));
    }

    /** Checks that the teacher knows the data's classes and was trained on the same normalised pixels. */
    public static void checkTeacher(Path teacherDir, TrainingData data) {
        org.condense.train.TeacherCard card = org.condense.train.TeacherStore.checkedCard(teacherDir,
                data.train().classNames());
        float[] mean = data.normalization().mean();
        float[] std = data.normalization().std();
        if (!close(card.mean(), mean) || !close(card.std(), std)) {
            throw new UserException("teacher in " + teacherDir + " was trained with normalisation mean "
                    + java.util.Arrays.toString(card.mean()) + ", the data uses mean " + java.util.Arrays.toString(mean)
                    + "; use a teacher of the same source dataset");
        }
    }

    private static boolean close(float[] a, float[] b) {
        if (a == null || b == null || a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-3) {
                return false;
            }
        }
        return true;
    }

    /** The teacher's weights file. */
    public static String teacherSha256(Path teacherDir) {
        Path weights = teacherDir.resolve("model.params");
        try {
            return Hashing.sha256(weights);
        } catch (IOException e) {
            throw new UserException("cannot read teacher weights " + weights + ": " + e.getMessage());
        }
    }

    /**
     * The protocol fields that decide the records (epochs, batch_size, augment); optimiser, lr and
     * temperature do not, so one set of labels serves runs that differ only in those.
     */
    public static String protocolSha256(Protocol protocol) {
        ObjectNode part = JSON.createObjectNode();
        ObjectNode resolved = protocol.resolved();
        part.set("epochs", resolved.get("epochs"));
        part.set("batch_size", resolved.get("batch_size"));
        part.set("augment", resolved.get("augment"));
        return Hashing.sha256(part);
    }
}
