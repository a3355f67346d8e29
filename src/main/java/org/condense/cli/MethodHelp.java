package org.condense.cli;

import java.util.ArrayList;
import java.util.List;
import org.condense.compress.CompressionMethod;
import org.condense.compress.MethodNeeds;
import org.condense.compress.MethodOption;
import org.condense.methods.CompressionMethods;

/** The list of methods under {@code condense compress --help}, written from the registry so that it never goes stale. */
final class MethodHelp {
    private static final int NAME_COLUMN = 2;
    private static final int TEXT_COLUMN = 14;
    private static final int OPTION_TEXT_COLUMN = 34;

    private MethodHelp() {}

    /** Each method (name, description, needs), then its options, wrapped to {@code width} columns. */
    static List<String> lines(int width) {
        List<String> out = new ArrayList<>();
        out.add("Methods (--method NAME) and their options (--option KEY=VALUE):");
        for (CompressionMethod m : CompressionMethods.all()) {
            String needs = needs(m.needs());
            String text = m.description() + (needs.isEmpty() ? "" : "; " + needs);
            out.addAll(wrap(" ".repeat(NAME_COLUMN) + pad(m.name(), TEXT_COLUMN - NAME_COLUMN), text, width));
            for (MethodOption o : m.options()) {
                out.addAll(wrap(" ".repeat(TEXT_COLUMN) + pad(o.name(), OPTION_TEXT_COLUMN - TEXT_COLUMN), o.description(),
                        width));
            }
        }
        return out;
    }

    /** {@code text} after {@code head}, wrapped at spaces; continuation lines are indented to where the text starts. */
    static List<String> wrap(String head, String text, int width) {
        List<String> out = new ArrayList<>();
        String indent = " ".repeat(head.length());
        StringBuilder line = new StringBuilder(head);
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (!empty && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line = new StringBuilder(indent);
                empty = true;
            }
            line.append(empty ? "" : " ").append(word);
            empty = false;
        }
        out.add(line.toString());
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
