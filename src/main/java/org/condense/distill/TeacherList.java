package org.condense.distill;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.condense.UserException;
import org.condense.compress.CompressionMethod;
import org.condense.compress.CompressionRequest;
import org.condense.compress.MethodOptions;
import org.condense.data.ImageDataset;
import org.condense.train.TeacherCard;
import org.condense.train.TeacherStore;

/**
 * The teachers of a multi-teacher method: option {@code teacher} holds one folder or several,
 * comma-separated ({@code --teacher A,B} or {@code --teacher A --teacher B}). All must be trained
 * on the same classes in the same order, and each is then checked as a single teacher
 * ({@link DistillTeacher}).
 */
final class TeacherList {
    private TeacherList() {}

    /** The teachers named by the options, each checked against the data and against what {@code m} needs (batch norm). */
    static List<DistillTeacher> of(MethodOptions options, CompressionMethod m, ImageDataset data) {
        String method = m.name();
        String value = options.text(DistillTeacher.OPTION, null);
        if (value == null || value.isBlank()) {
            throw new UserException("method " + method + " needs --teacher DIR[,DIR…] (teacher folders from `condense "
                    + "train`, ideally of different architectures)");
        }
        List<Path> dirs = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                throw new UserException("option teacher of method " + method + " has an empty entry in '" + value
                        + "'; give folders separated by commas");
            }
            dirs.add(Path.of(part.trim()).toAbsolutePath().normalize());
        }
        TeacherCard first = TeacherStore.card(dirs.get(0));
        for (Path dir : dirs.subList(1, dirs.size())) {
            TeacherCard card = TeacherStore.card(dir);
            if (!card.classes().equals(first.classes())) {
                throw new UserException("teachers of method " + method + " disagree on the classes: " + dirs.get(0)
                        + " has " + first.classes() + " but " + dir + " has " + card.classes()
                        + "; train every teacher on the same dataset");
            }
        }
        List<DistillTeacher> teachers = new ArrayList<>();
        for (Path dir : dirs) {
            // DistillTeacher reads one folder from a method's options: give it each folder in turn
            CompressionRequest one = new CompressionRequest(data, 1, 0, Map.of(DistillTeacher.OPTION, dir.toString()));
            teachers.add(DistillTeacher.of(MethodOptions.of(one, m), m, data));
        }
        for (DistillTeacher t : teachers.subList(1, teachers.size())) {
            // the pixels live in one normalised space: every teacher must read them alike
            if (!t.normalization().equals(teachers.get(0).normalization())) {
                throw new UserException("teachers of method " + method + " normalise their inputs differently: "
                        + teachers.get(0).dir() + " uses " + teachers.get(0).normalization() + " but " + t.dir()
                        + " uses " + t.normalization() + "; train every teacher with the same normalisation");
            }
        }
        return teachers;
    }
}
