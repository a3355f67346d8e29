package org.condense.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process {@code condense} invocation in a test: its exit code and what it printed on stderr. */
record Run(int code, String err) {
    static Run of(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(err, true), args);
        return new Run(code, err.toString());
    }

    /** A user error: exit status 2 and one line {@code condense: error: …} that contains {@code expected}. */
    static void assertOneLineError(Run r, String expected) {
        assertEquals(2, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("condense: error: ") && lines[0].contains(expected), lines[0]);
    }
}
