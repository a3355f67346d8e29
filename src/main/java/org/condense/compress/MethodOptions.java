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

    public static MethodOptions of(CompressionRequest request, String method, Set<String> known) {
        for (String key : request.options().keySet()) {
            if (!known.contains(key)) {
                throw new UserException("method " + method + " has no option '" + key + "'; its options: "
                        + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known))));
            }
        }
        return new MethodOptions(method, request.options());
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
