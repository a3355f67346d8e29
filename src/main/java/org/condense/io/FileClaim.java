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
 *
 * <p>A claim may remove its lock file when released ({@link #closeAndDelete}). It first writes a
 * byte into the file: a lock file is empty while in use, so a process that opened the old file
 * just before it was unlinked, and locks it afterwards, sees the byte and opens the path afresh.
 */
public final class FileClaim implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private final Path file;

    private FileClaim(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for the lock. */
    public static FileClaim take(Path file) {
        while (true) {
            FileChannel ch = openChannel(file);
            try {
                FileLock lock = ch.lock();
                if (ch.size() == 0) {
                    return new FileClaim(file, ch, lock);
                }
                dropTombstone(file, ch); // its holder removed it: lock the file now at that path
            } catch (IOException e) {
                close(ch);
                throw new UserException("cannot lock " + file + ": " + e.getMessage());
            }
        }
    }

    /** The lock, or null when another process holds it. */
    public static FileClaim tryTake(Path file) {
        while (true) {
            FileChannel ch = openChannel(file);
            try {
                FileLock lock = ch.tryLock();
                if (lock == null) {
                    close(ch);
                    return null;
                }
                if (ch.size() == 0) {
                    return new FileClaim(file, ch, lock);
                }
                dropTombstone(file, ch); // its holder removed it: try the file now at that path
            } catch (java.nio.channels.OverlappingFileLockException e) {
                close(ch);
                return null;
            } catch (IOException e) {
                close(ch);
                throw new UserException("cannot lock " + file + ": " + e.getMessage());
            }
        }
    }

    /**
     * Closes a removed claim's file; if it is still at the path (its holder died between marking
     * and unlinking it), unlinks it, so that nobody waits on it forever.
     */
    private static void dropTombstone(Path file, FileChannel ch) {
        try {
            if (Files.size(file) > 0) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // gone already, or another process created a fresh one
        }
        close(ch);
    }

    private static FileChannel openChannel(Path file) {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(file.getParent());
                return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (java.nio.file.NoSuchFileException e) {
                if (attempt == 5) { // its folder keeps being removed by finishing claims: give up
                    throw new UserException("cannot create lock file " + file + ": " + e.getMessage());
                }
            } catch (IOException e) {
                throw new UserException("cannot create lock file " + file + ": " + e.getMessage());
            }
        }
    }

    /** Releases the claim and removes its lock file (see the class comment for why that is safe). */
    public void closeAndDelete() {
        try {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'x'}), 0);
            channel.force(true);
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a lock file left in place is harmless
        }
        close();
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
