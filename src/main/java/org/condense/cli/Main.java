package org.condense.cli;

import org.condense.UserException;
import org.condense.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code condense} command. */
@Command(name = "condense", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Dataset compression for deep learning: prune, distil, combine, and compare them under one protocol.",
        subcommands = {QuickstartCommand.class, TrainCommand.class, ScoreCommand.class, CompressCommand.class, ImportCommand.class, EvaluateCommand.class, RelabelCommand.class,
                ProtocolsCommand.class, ResultsCommand.class, BenchCommand.class, ReportCommand.class, AnalyzeCommand.class,
                ThroughputCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code: 0 success, 2 user error, 1 internal error. */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(String...)}, with error messages going to {@code err}. */
    public static int execute(java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            UserException user = userCause(ex);
            if (user != null) {
                return userError(cmd.getErr(), user.getMessage());
            }
            throw ex;
        });
        // a mistyped option is a user error too: one line and a pointer to the help, not the whole usage
        cli.setParameterExceptionHandler((ex, badArgs) -> userError(ex.getCommandLine().getErr(), ex.getMessage()
                + " (see `" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help`)"));
        return cli.execute(args);
    }

    /** Prints {@code condense: error: MESSAGE} on one line, whatever the message holds, and returns exit status 2. */
    private static int userError(java.io.PrintWriter err, String message) {
        String line = String.valueOf(message).strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        err.println("condense: error: " + line);
        err.flush();
        return 2;
    }

    private static UserException userCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UserException) {
                return (UserException) c;
            }
        }
        return null;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"condense " + Version.get()};
        }
    }
}
