package org.condense.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.condense.UserException;

/**
 * Resolves file names that someone else wrote (a manifest's image paths, an ImageFolder's
 * links) so that they cannot reach outside their folder: no absolute paths, no {@code ..}, no
 * symbolic link that leaves the folder, and only regular files (a device or fifo would hang or
 * fill memory on read).
 */
public final class ConfinedFiles {
    private ConfinedFiles() {}

    /**
     * The regular file {@code relative} names inside {@code root}.
     *
     * @param what names the input in messages, e.g. "manifest image"
     * @param fix how to repair it, the tail of the message
     * @throws UserException if the name escapes {@code root} or is not a regular file
     */
    public static Path resolve(Path root, String relative, String what, String fix) {
        Path file = lexical(root, relative, what, fix);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserException(what + " " + file + " does not exist; " + fix);
        }
        requireInside(root, file, what, fix);
        if (!Files.isRegularFile(file)) {
            throw new UserException(what + " " + file + " is not a regular file (a device, fifo or folder); " + fix);
        }
        return file;
    }

    /** {@code relative} inside {@code root} by its name alone, without touching the disk. */
    public static Path lexical(Path root, String relative, String what, String fix) {
        if (relative == null || relative.isBlank()) {
            throw new UserException(what + " has no file name; " + fix);
        }
        Path rel;
        try {
            rel = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new UserException(what + " '" + relative + "' is not a valid path; " + fix);
        }
        if (rel.isAbsolute() || relative.startsWith("/") || relative.startsWith("\\")) {
            throw new UserException(what + " '" + relative + "' is an absolute path; paths must be relative to "
                    + root + "; " + fix);
        }
        for (Path part : rel) {
            if (part.toString().equals("..")) {
                throw new UserException(what + " '" + relative + "' contains '..'; paths must stay inside " + root
                        + "; " + fix);
            }
        }
        return root.resolve(rel);
    }

    /** Refuses {@code file} if its real path (links followed) is outside the real path of {@code root}. */
    public static void requireInside(Path root, Path file, String what, String fix) {
        Path realRoot;
        Path real;
        try {
            realRoot = root.toRealPath();
            real = file.toRealPath();
        } catch (IOException e) {
            throw new UserException(what + " " + file + " cannot be resolved (" + e.getClass().getSimpleName()
                    + ": a dangling link?); " + fix);
        }
        if (!real.startsWith(realRoot)) {
            throw new UserException(what + " " + file + " is a link to " + real + ", outside " + root + "; " + fix);
        }
    }
}
