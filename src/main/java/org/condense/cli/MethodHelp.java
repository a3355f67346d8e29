package org.condense.cli;

import java.util.ArrayList;
import java.util.List;
import org.condense.compress.CompressionMethod;
import org.condense.compress.MethodNeeds;
import org.condense.compress.MethodOption;
import org.condense.methods.CompressionMethods;

/** The list of methods under {@code condense compress --help}, written from the registry so that it never goes stale. */
final class MethodHelp {
    private static final String INDENT = "  ";
    private static final int NAME_WIDTH = 12;

    private MethodHelp() {}

    /** One line per method (name, description, needs), then one per option. */
    static List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("Methods (--method NAME) and their options (--option KEY=VALUE):");
        for (CompressionMethod m : CompressionMethods.all()) {
            String needs = needs(m.needs());
            out.add(INDENT + pad(m.name(), NAME_WIDTH) + m.description() + (needs.isEmpty() ? "" : "; " + needs));
            for (MethodOption o : m.options()) {
                out.add(INDENT + pad("", NAME_WIDTH) + pad(o.name(), 20) + o.description());
            }
        }
        return out;
    }

    /** What the method needs, as the flags that provide it. */
    static String needs(MethodNeeds n) {
        List<String> parts = new ArrayList<>();
        if (n.readsScores()) {
            parts.add("needs --scores (" + String.join(", ", new java.util.TreeSet<>(n.scores())) + ")");
        }
        switch (n.teachers()) {
            case ONE -> parts.add("needs --teacher DIR" + (n.batchNorm() ? " with batch norm" : ""));
            case SEVERAL -> parts.add("needs --teacher DIR1,DIR2,..." + (n.batchNorm() ? " with batch norm" : ""));
            default -> { }
        }
        return String.join("; ", parts);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
