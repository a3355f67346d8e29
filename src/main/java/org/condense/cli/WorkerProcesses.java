package org.condense.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.condense.UserException;

/**
 * Starts further bench workers as child processes of this JVM: the same java, JVM options and
 * class path, the same {@code condense} arguments with the worker layout pinned to one worker, so
 * each child claims runs of the same grid. Children are stopped if this process is stopped.
 */
final class WorkerProcesses {
    private final List<Process> children = new ArrayList<>();

    /**
     * @param args this command's own arguments (after the subcommand), without layout options; see
     *     {@link #afterSubcommand}
     */
    void start(int count, int threads, String subcommand, List<String> args) {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new UserException("cannot find this JVM's java command to start workers; use --workers 1"));
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.add(subcommand);
        cmd.addAll(args);
        cmd.add("--workers=1");
        cmd.add("--threads=" + threads);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll));
        for (int i = 0; i < count; i++) {
            ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
            pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            try {
                children.add(pb.start());
            } catch (IOException e) {
                throw new UserException("cannot start a bench worker (" + e.getMessage() + "); use --workers 1");
            }
        }
    }

    /** Waits for every child; returns the worst exit code (0 if all succeeded). */
    int waitAll() throws InterruptedException {
        int worst = 0;
        for (Process p : children) {
            worst = Math.max(worst, p.waitFor());
        }
        return worst;
    }

    private void stopAll() {
        children.stream().filter(Process::isAlive).forEach(Process::destroy);
    }

    /** The arguments after the first {@code subcommand} (picocli's original arguments start with it). */
    static List<String> afterSubcommand(List<String> originalArgs, String subcommand) {
        int at = originalArgs.indexOf(subcommand);
        return originalArgs.subList(at + 1, originalArgs.size());
    }

    /** {@code args} without {@code --workers}/{@code --threads} (as {@code --x=v} or {@code --x v}). */
    static List<String> withoutLayout(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--workers") || a.equals("--threads")) {
                i++;
            } else if (!a.startsWith("--workers=") && !a.startsWith("--threads=")) {
                out.add(a);
            }
        }
        return out;
    }
}
