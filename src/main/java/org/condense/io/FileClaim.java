package org.condense.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.condense.UserException;

/**
 * An exclusive lock on a file, held until closed; the OS drops it if the process dies, so a claim
 * never goes stale. Bench runs and evaluation runs are claimed this way.
 */
public final class FileClaim implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private FileClaim(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for the lock. */
    public static FileClaim take(Path file) {
        FileChannel ch = openChannel(file);
        try {
            return new FileClaim(ch, ch.lock());
        } catch (IOException e) {
            close(ch);
            throw new UserException("cannot lock " + file + ": " + e.getMessage());
        }
    }

    /** The lock, or null when another process holds it. */
    public static FileClaim tryTake(Path file) {
        FileChannel ch = openChannel(file);
        try {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                close(ch);
                return null;
            }
            return new FileClaim(ch, lock);
        } catch (java.nio.channels.OverlappingFileLockException e) {
            close(ch);
            return null;
        } catch (IOException e) {
            close(ch);
            throw new UserException("cannot lock " + file + ": " + e.getMessage());
        }
    }

    private static FileChannel openChannel(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UserException("cannot create lock file " + file + ": " + e.getMessage());
        }
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing a lock file we could not use
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close releases it too
        }
        close(channel);
    }
}
