package org.condense.compress;

import java.util.LinkedHashMap;
import java.util.Map;
import org.condense.UserException;

/** Registry of compression methods by name: a new method is one class plus a line here. */
public final class CompressionMethods {
    private static final Map<String, CompressionMethod> METHODS = new LinkedHashMap<>();

    static {
        register(new RandomSelection());
        for (String score : org.condense.score.Scores.NAMES) {
            register(new ScoreSelection(score));
        }
        register(new CcsSelection());
        register(new PcaCompression());
        register(new org.condense.distill.RdedDistillation());
        register(new org.condense.distill.Sre2lDistillation());
        register(new org.condense.distill.CdaDistillation());
        register(new org.condense.distill.LpldDistillation());
        register(new org.condense.distill.DwaDistillation());
        register(new org.condense.distill.GvbsmDistillation());
    }

    private CompressionMethods() {}

    private static void register(CompressionMethod m) {
        METHODS.put(m.name(), m);
    }

    public static CompressionMethod get(String name) {
        CompressionMethod m = METHODS.get(name);
        if (m == null) {
            throw new UserException("unknown method '" + name + "'; choose one of: " + String.join(", ", METHODS.keySet()));
        }
        return m;
    }

    public static Iterable<String> names() {
        return METHODS.keySet();
    }
}
