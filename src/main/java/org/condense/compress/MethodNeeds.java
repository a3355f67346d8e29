package org.condense.compress;

import java.util.Set;

/**
 * What a compression method needs besides the source data, so that bench, CLI and report ask
 * the method instead of matching its name. The inputs arrive as the options {@value #SCORES}
 * (a scores file or folder) and {@value #TEACHER} (a teacher folder; several comma-separated).
 *
 * @param scores the scores it reads from the scores file (empty: it reads none)
 * @param teachers how many teachers it distils or selects with
 * @param batchNorm its teacher(s) must have batch-norm layers (it matches their statistics)
 * @param shownScore the score a report shows for its datasets (null: none), e.g. PCA ranks by EL2N
 */
public record MethodNeeds(Set<String> scores, Teachers teachers, boolean batchNorm, String shownScore) {
    /** The option naming the scores file (a part of the input, not of the method's choices). */
    public static final String SCORES = "scores";
    /** The option naming the teacher folder(s). */
    public static final String TEACHER = "teacher";
    /** Options that name inputs rather than choices. */
    public static final Set<String> INPUT_OPTIONS = Set.of(SCORES, TEACHER);

    public static final MethodNeeds NOTHING = new MethodNeeds(Set.of(), Teachers.NONE, false, null);

    public enum Teachers { NONE, ONE, SEVERAL }

    public MethodNeeds {
        scores = Set.copyOf(scores);
        if (teachers == Teachers.NONE && batchNorm) {
            throw new IllegalArgumentException("batch norm is a requirement on teachers, and there are none");
        }
    }

    /** Ranks by scores from a scores file; {@code shown} is the one a report shows. */
    public static MethodNeeds scores(String shown, String... read) {
        return new MethodNeeds(Set.of(read), Teachers.NONE, false, shown);
    }

    /** Distils or selects with one teacher. */
    public static MethodNeeds teacher(boolean batchNorm) {
        return new MethodNeeds(Set.of(), Teachers.ONE, batchNorm, null);
    }

    /** Distils with several teachers ({@code teacher=DIR1,DIR2,...}). */
    public static MethodNeeds teachers(boolean batchNorm) {
        return new MethodNeeds(Set.of(), Teachers.SEVERAL, batchNorm, null);
    }

    public boolean readsScores() {
        return !scores.isEmpty();
    }

    public boolean needsTeacher() {
        return teachers != Teachers.NONE;
    }

    /** The input options this method takes, in a fixed order. */
    public java.util.List<String> inputOptions() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (readsScores()) {
            out.add(SCORES);
        }
        if (needsTeacher()) {
            out.add(TEACHER);
        }
        return out;
    }
}
