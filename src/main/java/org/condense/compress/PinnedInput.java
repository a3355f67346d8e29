package org.condense.compress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.condense.io.Hashing;
import org.condense.score.ScoreImport;
import org.condense.train.TeacherStore;

/**
 * A file a compressed dataset depends on by content (the scores file, a teacher's weights): the
 * manifest records its path under {@code fileKey} (relative to the dataset folder once written)
 * and its SHA-256 under {@code shaKey}, which is what names the input in the dataset's key; a
 * reused result is checked against the file as it is now. Without the hash, a result made from
 * since-changed scores would pass for the one asked for.
 *
 * @param role what the file is, for messages ("scores file", "teacher weights")
 * @param sha256 the content hash now, or null when the file is missing or unreadable
 */
public record PinnedInput(String role, String fileKey, String shaKey, Path file, String sha256) {
    /** Where a manifest records the scores file (a report finds the scoring run beside it). */
    public static final String SCORES_FILE = "scores_file";

    /** The inputs that {@code needs} says the method reads, at the paths its {@code options} name (absent options: none). */
    public static List<PinnedInput> of(MethodNeeds needs, Map<String, String> options) {
        List<PinnedInput> out = new ArrayList<>();
        String scores = options.get(MethodNeeds.SCORES);
        if (needs.readsScores() && scores != null && !scores.isBlank()) {
            Path file = ScoreImport.resolve(Path.of(scores)).toAbsolutePath().normalize();
            out.add(pin("scores file", SCORES_FILE, "scores_sha256", file));
        }
        String teachers = options.get(MethodNeeds.TEACHER);
        if (needs.needsTeacher() && teachers != null && !teachers.isBlank()) {
            List<String> dirs = needs.teachers() == MethodNeeds.Teachers.SEVERAL
                    ? List.of(teachers.split(",")) : List.of(teachers);
            for (int i = 0; i < dirs.size(); i++) {
                // one teacher keeps the keys manifests have always had; several are numbered from 1
                String suffix = dirs.size() == 1 ? "" : "_" + (i + 1);
                Path weights = Path.of(dirs.get(i).trim()).toAbsolutePath().normalize().resolve(TeacherStore.WEIGHTS);
                out.add(pin("teacher weights", "teacher_weights" + suffix, "teacher_sha256" + suffix, weights));
            }
        }
        return out;
    }

    private static PinnedInput pin(String role, String fileKey, String shaKey, Path file) {
        String sha;
        try {
            sha = Hashing.sha256(file);
        } catch (IOException e) {
            sha = null;
        }
        return new PinnedInput(role, fileKey, shaKey, file, sha);
    }

    /** Records the path and hash among a manifest's parameters. */
    void record(Map<String, Object> parameters) {
        if (sha256 == null) {
            throw new org.condense.UserException("cannot read " + role + " " + file + "; check that it exists and is readable");
        }
        parameters.put(fileKey, file.toString());
        parameters.put(shaKey, sha256);
    }

    /** False when {@code parameters} pin another content than the file has now (a manifest without the hash is not checked). */
    boolean matches(Map<String, Object> parameters) {
        return !(parameters.get(shaKey) instanceof String recorded) || recorded.equals(sha256);
    }
}
