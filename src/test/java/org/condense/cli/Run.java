package org.condense.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process {@code condense} invocation in a test: its exit code and what it printed on stderr. */
record Run(int code, String err) {
    static Run of(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(err, true), args);
        return new Run(code, err.toString());
    }
}
