package org.condense.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.condense.compress.CompressionMethod;
import org.condense.compress.MethodOption;
import org.condense.methods.CompressionMethods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's method list, method errors and what it passes to methods come from the registry. */
class MethodRegistryCliTest {

    private static String help() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            assertEquals(0, Run.of("compress", "--help").code());
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryRegisteredMethodWithItsOptionsAndNeeds() {
        String help = help();
        String list = help.substring(help.indexOf("Methods (--method NAME)"));
        // wrapped lines joined: each method is "name description; needs" followed by "option description" entries
        String flat = list.replaceAll("\\s+", " ");
        for (CompressionMethod m : CompressionMethods.all()) {
            assertTrue(list.lines().anyMatch(l -> l.startsWith("  " + m.name() + " ")), m.name() + " missing from\n" + help);
            assertTrue(flat.contains(" " + m.name() + " " + m.description()), m.name());
            for (MethodOption o : m.options()) {
                assertTrue(flat.contains(" " + o.name() + " " + o.description()), m.name() + " " + o.name());
            }
        }
        assertTrue(flat.contains("with patch extraction; needs --scores (el2n) factor combine factor f"), flat);
        assertTrue(flat.contains("teacher's statistics; needs --teacher DIR with batch norm iterations"), flat);
        assertTrue(flat.contains("combined f×f; needs --teacher DIR m real images"), flat);
        assertTrue(list.lines().allMatch(l -> l.length() <= 80), list);
    }

    @Test
    void anUnknownMethodIsAOneLineError(@TempDir Path dir) {
        Run.assertOneLineError(Run.of("compress", "--dataset", "cifar10", "--method", "magic", "--ipc", "1",
                "--out", dir.resolve("o").toString()), "unknown method 'magic'; choose one of: random,");
    }

    @Test
    void anOptionTheMethodDoesNotTakeIsAOneLineError(@TempDir Path dir) {
        Run.assertOneLineError(Run.of("compress", "--dataset", "cifar10", "--method", "random", "--ipc", "1",
                "--option", "factor=2", "--out", dir.resolve("o").toString(), "--data-dir", dir.toString()),
                "method random has no option 'factor'; its options: none");
    }

    @Test
    void quickstartRefusesAMethodThatNeedsATeacherBeforeAnyWork(@TempDir Path dir) {
        Run.assertOneLineError(Run.of("quickstart", "--methods", "random,sre2l", "--work-dir", dir.toString(),
                "--data-dir", dir.toString()), "quickstart trains no teacher, and method sre2l needs one");
        Run.assertOneLineError(Run.of("quickstart", "--methods", "random,pcaa", "--work-dir", dir.toString()),
                "unknown method 'pcaa'");
    }
}
