package org.condense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way through the pipeline, so the top-level packages under {@code org.condense}
 * must form no dependency cycle: a cycle means two stages can no longer be understood, tested or
 * replaced apart. Dependencies are read from the sources (imports and qualified names, comments
 * left out), with plain Java.
 */
class PackageCyclesTest {
    private static final Path SOURCES = Path.of("src", "main", "java", "org", "condense");
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.condense\\.([a-z][a-z0-9_]*)\\.");

    @Test
    void topLevelPackagesFormNoCycle() throws IOException {
        Map<String, Set<String>> graph = dependencies(SOURCES);
        assertTrue(graph.containsKey("compress") && graph.get("cli").contains("compress"), "read the graph: " + graph);
        List<List<String>> cycles = cycles(graph);
        assertEquals(List.of(), cycles, "package cycles (each listed as a path back to its start): " + describe(graph, cycles));
    }

    @Test
    void findsCyclesInAHandMadeGraph() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of(
                "a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of(), "e", Set.of("f"), "f", Set.of("e")));
        assertEquals(List.of(List.of("a", "b", "c"), List.of("e", "f")), cycles(graph));
        assertEquals("a -> b -> c -> a; e -> f -> e", describe(graph, cycles(graph)));
        assertEquals(List.of(), cycles(new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of()))));
    }

    @Test
    void commentsAndStringsAreNotDependencies() {
        String code = "package x; // see org.condense.report.Foo\n/* org.condense.bench.Bar */ class X { "
                + "String s = \"org.condense.cli.Main\"; org.condense.data.Png p; }";
        assertEquals(Set.of("data"), referenced(code));
    }

    /** Package → packages its sources refer to (itself excluded). */
    static Map<String, Set<String>> dependencies(Path root) throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path rel = root.relativize(file);
                if (rel.getNameCount() < 2) {
                    continue; // classes of the root package (UserException, Version) belong to every stage
                }
                String pkg = rel.getName(0).toString();
                Set<String> deps = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                referenced(Files.readString(file)).stream().filter(d -> !d.equals(pkg)).forEach(deps::add);
            }
        }
        return graph;
    }

    /** Top-level packages named in code (not in comments or string literals). */
    static Set<String> referenced(String source) {
        Set<String> out = new TreeSet<>();
        Matcher m = REFERENCE.matcher(code(source));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The source with comments and string/char literals blanked. */
    private static String code(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                out.append(' ');
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Strongly connected components of more than one package (Tarjan), each sorted, in order of their first package. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Tarjan t = new Tarjan(graph);
        graph.keySet().forEach(v -> {
            if (!t.index.containsKey(v)) {
                t.visit(v);
            }
        });
        t.components.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return t.components;
    }

    /** Each cycle as a path through its packages back to the first one, e.g. {@code a -> b -> c -> a}. */
    static String describe(Map<String, Set<String>> graph, List<List<String>> cycles) {
        List<String> out = new ArrayList<>();
        for (List<String> component : cycles) {
            out.add(String.join(" -> ", pathBack(graph, component)));
        }
        return String.join("; ", out);
    }

    /** A shortest path from the component's first package back to itself, inside the component (breadth first). */
    private static List<String> pathBack(Map<String, Set<String>> graph, List<String> component) {
        String start = component.get(0);
        Map<String, String> parent = new TreeMap<>();
        List<String> queue = new ArrayList<>(List.of(start));
        for (int q = 0; q < queue.size(); q++) {
            String v = queue.get(q);
            for (String w : graph.getOrDefault(v, Set.of())) {
                if (!component.contains(w)) {
                    continue;
                }
                if (w.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String u = v; !u.equals(start); u = parent.get(u)) {
                        path.add(1, u);
                    }
                    path.add(start);
                    return path;
                }
                if (!parent.containsKey(w)) {
                    parent.put(w, v);
                    queue.add(w);
                }
            }
        }
        return component;
    }

    private static final class Tarjan {
        final Map<String, Set<String>> graph;
        final Map<String, Integer> index = new TreeMap<>();
        final Map<String, Integer> low = new TreeMap<>();
        final List<String> stack = new ArrayList<>();
        final List<List<String>> components = new ArrayList<>();

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.add(v);
            for (String w : graph.getOrDefault(v, Set.of())) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (stack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<String> component = new ArrayList<>();
                String w;
                do {
                    w = stack.remove(stack.size() - 1);
                    component.add(w);
                } while (!w.equals(v));
                if (component.size() > 1) {
                    component.sort(null);
                    components.add(component);
                }
            }
        }
    }
}
