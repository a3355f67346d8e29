package org.condense.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that readers see either the old content or the complete new content, never
 * a half-written file: write to a temporary sibling, fsync, then rename over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes the whole content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        deleteAbandonedTemps(parent, target.getFileName().toString());
        // the writer's PID in the name: a later write removes the temp files of writers that died
        Path tmp = Files.createTempFile(parent, "." + target.getFileName() + "." + ProcessHandle.current().pid() + "-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            // temp files are created owner-only; results and manifests are meant to be shared
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            move(tmp, target);
            syncFolder(parent);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Removes temp files of {@code name} left by processes that died before their rename. */
    private static void deleteAbandonedTemps(Path parent, String name) throws IOException {
        String prefix = "." + name + ".";
        try (java.nio.file.DirectoryStream<Path> temps = Files.newDirectoryStream(parent,
                p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".tmp"))) {
            for (Path t : temps) {
                String rest = t.getFileName().toString().substring(prefix.length());
                int dash = rest.indexOf('-');
                try {
                    long pid = Long.parseLong(dash < 0 ? "" : rest.substring(0, dash));
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                } catch (NumberFormatException e) {
                    // a temp file of the naming before PIDs were recorded: older than any live writer
                }
                Files.deleteIfExists(t);
            }
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes {@code bytes} to a new file and forces them to disk (for files inside a folder that is renamed into place). */
    public static void writeDurably(Path target, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    /** Writes the whole content to a new file and forces it to disk. */
    public static void writeDurably(Path target, Writer writer) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            writer.write(out);
        }
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /**
     * Forces a folder's entries (a rename into it) to disk, where the platform allows; a crash
     * right after a rename then cannot bring the old name back.
     */
    public static void syncFolder(Path folder) {
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform opens folders; the rename itself is still atomic
        }
    }

    /** Renames {@code source} to {@code target} atomically where the file system allows. */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
