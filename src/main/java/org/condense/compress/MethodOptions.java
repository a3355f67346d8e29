package org.condense.compress;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.condense.UserException;

/** A method's {@code --option KEY=VALUE} settings, typed, with unknown keys refused (a typo must not pass silently). */
public final class MethodOptions {
    private final String method;
    private final Map<String, String> options;

    private MethodOptions(String method, Map<String, String> options) {
        this.method = method;
        this.options = options;
    }

    /** The request's options, checked against what {@code method} declares (its options and its input options). */
    public static MethodOptions of(CompressionRequest request, CompressionMethod method) {
        check(method, request.options());
        return new MethodOptions(method.name(), request.options());
    }

    /** Refuses an option {@code method} does not take, naming the ones it does. */
    public static void check(CompressionMethod method, Map<String, String> options) {
        Set<String> known = known(method);
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                throw new UserException("method " + method.name() + " has no option '" + key + "'; its options: "
                        + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    /** Every option key {@code method} takes. */
    public static Set<String> known(CompressionMethod method) {
        Set<String> known = new TreeSet<>(method.needs().inputOptions());
        method.options().forEach(o -> known.add(o.name()));
        return known;
    }

    public String text(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    public String required(String key, String hint) {
        String v = options.get(key);
        if (v == null || v.isBlank()) {
            throw new UserException("method " + method + " needs --option " + key + "=...; " + hint);
        }
        return v;
    }

    public boolean flag(String key, boolean fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw new UserException("option " + key + " of method " + method + " must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    public double number(String key, double fallback, double min, double max) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v);
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UserException("option " + key + " of method " + method + " must be a number in [" + min + ", " + max
                + "], got '" + v + "'");
    }

    public int integer(String key, int fallback, int min, int max) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UserException("option " + key + " of method " + method + " must be a whole number in [" + min + ", "
                + max + "], got '" + v + "'");
    }
}
