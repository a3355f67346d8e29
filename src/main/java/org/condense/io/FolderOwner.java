package org.condense.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Marks a temporary folder with the process that writes it (PID and start time, since PIDs are
 * reused), so that a later process can tell a folder still being written from one left by a
 * process that died, and clean up or reuse the latter.
 */
public final class FolderOwner {
    /** The owner file inside a marked folder; removed before the folder is renamed into place. */
    public static final String FILE = ".owner";

    private FolderOwner() {}

    /** Records this process as the owner of {@code folder} (created if missing). */
    public static void mark(Path folder) throws IOException {
        Files.createDirectories(folder);
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        AtomicFiles.writeString(folder.resolve(FILE), self.pid() + "\n" + started + "\n");
    }

    /** Removes the mark, e.g. just before the folder becomes a finished result. */
    public static void unmark(Path folder) throws IOException {
        Files.deleteIfExists(folder.resolve(FILE));
    }

    /** The PID of the live process that marked {@code folder}, if it is still running. */
    public static Optional<Long> liveOwner(Path folder) {
        Path file = folder.resolve(FILE);
        String[] lines;
        try {
            lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
            long pid = Long.parseLong(lines[0].trim());
            long started = lines.length > 1 ? Long.parseLong(lines[1].trim()) : 0;
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isEmpty() || !p.get().isAlive()) {
                return Optional.empty();
            }
            // a reused PID belongs to another process: compare start times when both are known
            long now = p.get().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
            return started == 0 || now == 0 || Math.abs(now - started) < 1000 ? Optional.of(pid) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no readable mark: nobody can be writing it any more
        }
    }

    /** Whether {@code folder} is marked by this very process. */
    public static boolean isMine(Path folder) {
        return liveOwner(folder).map(pid -> pid == ProcessHandle.current().pid()).orElse(false);
    }

    /**
     * Deletes the folders in {@code parent} whose names start with {@code prefix} and whose owner
     * is gone; returns how many it removed.
     */
    public static int deleteAbandoned(Path parent, String prefix) throws IOException {
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> children = Files.list(parent)) {
            for (Path p : (Iterable<Path>) children::iterator) {
                if (p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p) && liveOwner(p).isEmpty()) {
                    FileTrees.delete(p);
                    removed++;
                }
            }
        }
        return removed;
    }
}
