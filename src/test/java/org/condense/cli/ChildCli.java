package org.condense.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code condense} CLI as a child JVM (one intra-op thread, offline), so a test can kill
 * it with SIGKILL at any moment; each invocation's output goes to its own log file.
 */
final class ChildCli {
    private final Path logs;
    private int started;

    ChildCli(Path logs) throws IOException {
        this.logs = Files.createDirectories(logs);
    }

    /** A started child and the file its output goes to. */
    record Child(Process process, Path log) {}

    Process start(String... args) throws IOException {
        return launch(args).process();
    }

    Child launch(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        Path log = logs.resolve(String.format("%03d-%s.log", started++, args[0]));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("MALLOC_ARENA_MAX", "1");
        return new Child(pb.start(), log);
    }

    /**
     * Waits until the child's output shows {@code progress} (its real work has begun: JVM and
     * engine start-up are not what a kill should test), then kills it {@code seconds} later;
     * true if it was killed, else it must have exited 0.
     */
    static boolean killDuringWork(Child child, String progress, double seconds) throws Exception {
        while (child.process().isAlive() && !Files.readString(child.log()).contains(progress)) {
            Thread.sleep(50);
        }
        return killAfter(child.process(), seconds);
    }

    /**
     * Runs to the end, failing the test unless it exits 0; returns the seconds from the moment its
     * output showed {@code progress} to its exit: the work a kill should land in, without the JVM's
     * and the engine's start-up (which would make most kills drawn over the whole run miss a short job).
     */
    double workSeconds(String progress, String... args) throws Exception {
        Child child = launch(args);
        while (child.process().isAlive() && !Files.readString(child.log()).contains(progress)) {
            Thread.sleep(50);
        }
        long t0 = System.nanoTime();
        assertTrue(child.process().waitFor(15, TimeUnit.MINUTES), "condense " + args[0] + " did not finish");
        assertEquals(0, child.process().exitValue(), "condense " + String.join(" ", args) + " failed; log:\n" + lastLog());
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Runs to the end; fails the test unless it exits 0. */
    void run(String... args) throws Exception {
        Process p = start(args);
        assertTrue(p.waitFor(15, TimeUnit.MINUTES), "condense " + args[0] + " did not finish");
        assertEquals(0, p.exitValue(), "condense " + String.join(" ", args) + " failed; log:\n" + lastLog());
    }

    /** Waits {@code seconds}, then kills the process if it still runs; true if it was killed, else it must have exited 0. */
    static boolean killAfter(Process p, double seconds) throws Exception {
        if (p.waitFor((long) (seconds * 1000), TimeUnit.MILLISECONDS)) {
            assertEquals(0, p.exitValue(), "a run that was not killed must succeed");
            return false;
        }
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        p.waitFor();
        return true;
    }

    /** Every invocation's log, for the message of a failed comparison (the temp folder is gone after the test). */
    String allLogs() {
        StringBuilder sb = new StringBuilder();
        try (var s = Files.list(logs)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                sb.append("== ").append(p.getFileName()).append('\n').append(Files.readString(p));
            }
        } catch (IOException e) {
            sb.append("(logs unreadable: ").append(e.getMessage()).append(')');
        }
        return sb.toString();
    }

    String lastLog() throws IOException {
        try (var s = Files.list(logs)) {
            Path last = s.sorted().reduce((a, b) -> b).orElseThrow();
            return Files.readString(last);
        }
    }
}
