package org.condense.methods;

import java.util.LinkedHashMap;
import java.util.Map;
import org.condense.UserException;
import org.condense.compress.CcsSelection;
import org.condense.compress.CompressionMethod;
import org.condense.compress.PcaCompression;
import org.condense.compress.RandomSelection;
import org.condense.compress.ScoreSelection;

/**
 * Registry of compression methods by name: a new method is one class plus a line here. It sits
 * above the methods' packages (compress, distill), so they never depend on it.
 */
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
        if (METHODS.putIfAbsent(m.name(), m) != null) {
            throw new IllegalStateException("two compression methods are named " + m.name());
        }
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

    /** The registered method called {@code name}, if any (a manifest may come from another version). */
    public static java.util.Optional<CompressionMethod> find(String name) {
        return java.util.Optional.ofNullable(METHODS.get(name));
    }

    /** Every registered method, in registration order. */
    public static java.util.Collection<CompressionMethod> all() {
        return java.util.Collections.unmodifiableCollection(METHODS.values());
    }
}
