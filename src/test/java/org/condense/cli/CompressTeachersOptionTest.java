package org.condense.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --teacher} takes one folder, several comma-separated, or the flag repeated. */
class CompressTeachersOptionTest {
    private static List<Path> parse(String... teacherArgs) {
        CompressCommand c = new CompressCommand();
        String[] base = {"--dataset", "cifar10", "--method", "gvbsm", "--ipc", "1", "--out", "o"};
        String[] all = new String[base.length + teacherArgs.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(teacherArgs, 0, all, base.length, teacherArgs.length);
        new CommandLine(c).parseArgs(all);
        return c.teachers;
    }

    @Test
    void oneOrSeveralTeachers() {
        assertEquals(List.of(Path.of("a")), parse("--teacher", "a"));
        assertEquals(List.of(Path.of("a"), Path.of("b")), parse("--teacher", "a,b"));
        assertEquals(List.of(Path.of("a"), Path.of("b"), Path.of("c")), parse("--teacher", "a", "--teacher", "b,c"));
        assertEquals(List.of(), parse());
    }
}
