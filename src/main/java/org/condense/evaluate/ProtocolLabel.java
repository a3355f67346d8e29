package org.condense.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.condense.UserException;

/**
 * How a table names the protocol of a run: the preset's name, followed by the fields that the run
 * overrode, e.g. {@code pca-hard{augment.patch=shuffle, epochs=200}}, so that runs under one
 * preset with different settings are never averaged together.
 */
public final class ProtocolLabel {
    private ProtocolLabel() {}

    public static String of(String name, ObjectNode config) {
        if (config == null) {
            return name;
        }
        ObjectNode preset;
        try {
            preset = Protocols.load(name).resolved();
        } catch (UserException notAPreset) {
            // a user's YAML file: its name is all we can show (its path is not recorded)
            return name;
        }
        Map<String, String> changed = new TreeMap<>();
        diff("", preset, config, changed);
        changed.remove("description");
        return changed.isEmpty() ? name : name + changed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static void diff(String path, JsonNode base, JsonNode run, Map<String, String> out) {
        if (run.isObject() && base != null && base.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = run.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                diff(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), base.get(e.getKey()), e.getValue(), out);
            }
        } else if (base == null || !equalValues(base, run)) {
            out.put(path, run.isTextual() ? run.asText() : run.toString());
        }
    }

    /** Numbers compare by value: a YAML 0.01 and an override "0.010" are the same setting. */
    private static boolean equalValues(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
