package org.condense.distill;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.condense.UserException;
import org.condense.compress.CompressionMethod;
import org.condense.compress.MethodNeeds;
import org.condense.compress.MethodOptions;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.io.Hashing;
import org.condense.train.Teacher;
import org.condense.train.TeacherCard;
import org.condense.train.TeacherStore;

/**
 * The teacher of a distillation run ({@code --teacher DIR}, option {@code teacher}): a folder
 * from {@code condense train}, checked against the data before any work starts. Its input
 * normalisation is the one on its card (the teacher sees what it was trained on).
 */
record DistillTeacher(Path dir, TeacherCard card, String weightsSha256, Normalization normalization) {
    static final String OPTION = MethodNeeds.TEACHER;

    /** The teacher named by the options, checked against the data and against what {@code m} needs (batch norm). */
    static DistillTeacher of(MethodOptions options, CompressionMethod m, ImageDataset data) {
        String method = m.name();
        boolean needsBatchNorm = m.needs().batchNorm();
        String value = options.text(OPTION, null);
        if (value == null || value.isBlank()) {
            throw new UserException("method " + method + " needs --teacher DIR (a teacher folder from `condense train "
                    + "--dataset NAME --model resnet18 --out DIR`)");
        }
        Path dir = Path.of(value).toAbsolutePath().normalize();
        TeacherCard card = TeacherStore.checkedCard(dir, data.classNames());
        if (card.network() == null) {
            throw new UserException("teacher card in " + dir + " names no network; retrain the teacher");
        }
        if (needsBatchNorm && !"batch".equals(card.network().norm())) {
            throw new UserException("method " + method + " matches the teacher's batch-norm statistics, but the teacher in "
                    + dir + " (" + card.network().name() + ", norm " + card.network().norm() + ") has no batch norm; "
                    + "train one with `condense train --model resnet18` or `--model convnet --norm batch`");
        }
        if (card.network().imageSize() != data.height() || card.network().channels() != data.channels()) {
            throw new UserException("teacher in " + dir + " takes " + card.network().channels() + "×"
                    + card.network().imageSize() + " px images but the data is " + data.channels() + "×" + data.height()
                    + " px; use a teacher trained at the data's resolution");
        }
        String sha;
        try {
            sha = Hashing.sha256(dir.resolve(TeacherStore.WEIGHTS));
        } catch (IOException e) {
            throw new UserException("teacher weights " + dir.resolve(TeacherStore.WEIGHTS) + " are missing or unreadable ("
                    + e.getMessage() + "); retrain the teacher");
        }
        Normalization norm = card.mean() != null && card.std() != null
                ? new Normalization(card.mean(), card.std())
                : Normalization.ofSource(data);
        return new DistillTeacher(dir, card, sha, norm);
    }

    /** The network with its weights, in inference mode, its parameters frozen (only pixels get gradients). */
    Teacher load(NDManager manager) {
        Teacher teacher = TeacherStore.load(dir, manager, card.classes());
        teacher.block().freezeParameters(true);
        return teacher;
    }

    /** What the manifest records about the teacher (the SHA-256 pins the weights; a reused output checks it). */
    void record(Map<String, Object> parameters) {
        parameters.put("teacher_dir", dir.toString());
        parameters.put("teacher_weights", dir.resolve(TeacherStore.WEIGHTS).toString());
        parameters.put("teacher_sha256", weightsSha256);
        parameters.put("teacher_network", card.network().name());
        parameters.put("teacher_norm", card.network().norm());
        parameters.put("teacher_dataset", card.dataset());
        parameters.put("teacher_test_top1", card.testTop1());
    }
}
