package org.condense.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code results --wide --order} on records of the committed CIFAR-10 store. */
class ResultsCommandTest {

    @Test
    void wideTablePutsTheOrderedVariantsFirstWithAColumnPerIpcAndProtocol(@TempDir Path dir) throws Exception {
        // Random and Forgetting at IPC 50, both protocols, three seeds each: a small store
        List<String> lines = Files.readAllLines(Path.of("bench/results/cifar10-labels.jsonl")).stream()
                .filter(l -> l.contains("\"ipc\":50,") && (l.contains("\"variant\":\"random\"")
                        || l.contains("\"variant\":\"forgetting\""))).toList();
        assertEquals(12, lines.size());
        Path store = dir.resolve("results.jsonl");
        Files.write(store, lines);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        Run run;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            run = Run.of("results", store.toString(), "--wide", "--order", "forgetting,random");
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, run.code(), run.err());
        String[] table = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("| method | IPC 50 standard-hard | IPC 50 standard-soft |", table[0]);
        assertTrue(table[2].startsWith("| forgetting | ") && table[2].contains(" (+"), table[2]);
        assertTrue(table[3].startsWith("| random | ") && !table[3].contains("("), table[3]);
        assertEquals(4, table.length);
    }
}
