package org.condense.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.condense.compress.Manifest;

/**
 * Where a method ran below its authors' setting (fewer iterations or teachers, which a CPU forces),
 * read from the datasets' manifests, so the tables can mark those cells instead of leaving the
 * reader to assume the official setting.
 */
final class ReducedSettings {
    /** The official settings that a run may reduce, by method: G-VBSM recovers with 4000 iterations and 4 teachers. */
    static final Map<String, Official> OFFICIAL = Map.of("gvbsm", new Official(4000, 4));

    record Official(int iterations, int teachers) {}

    private ReducedSettings() {}

    /** What the datasets' method ran with below its official setting, e.g. "gvbsm: 1000 iterations (official 4000)"; "" if nothing. */
    static String note(Collection<Manifest> manifests) {
        TreeSet<String> parts = new TreeSet<>();
        String method = null;
        for (Manifest m : manifests) {
            Official o = OFFICIAL.get(m.method());
            if (o == null || m.parameters() == null) {
                continue;
            }
            method = m.method();
            if (m.parameters().get("iterations") instanceof Number n && n.intValue() < o.iterations()) {
                parts.add(n.intValue() + " iterations (official " + o.iterations() + ")");
            }
            int teachers = teachers(m.parameters());
            if (teachers > 0 && teachers < o.teachers()) {
                parts.add(teachers + " teacher" + (teachers == 1 ? "" : "s") + " (official " + o.teachers() + ")");
            }
        }
        return parts.isEmpty() ? "" : method + " ran with " + String.join(", ", parts);
    }

    /** How many teachers the manifest records: a {@code teachers} list, or one {@code teacher_dir}. */
    static int teachers(Map<String, Object> parameters) {
        if (parameters.get("teachers") instanceof List<?> list) {
            return list.size();
        }
        return parameters.get("teacher_dir") instanceof String ? 1 : 0;
    }

    /** Footnote numbers for a table's distinct notes, in order of first appearance. */
    static Map<String, String> markers(List<String> notes) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] marks = {"¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
        List<String> seen = new ArrayList<>();
        for (String n : notes) {
            if (!n.isEmpty() && !seen.contains(n)) {
                seen.add(n);
                out.put(n, seen.size() <= marks.length ? marks[seen.size() - 1] : "[" + seen.size() + "]");
            }
        }
        return out;
    }
}
