package org.condense.io;

import java.nio.file.Files;
import java.nio.file.Path;
import org.condense.UserException;

/**
 * Checks, before any work starts, that an output can be written where the user asked: a run that
 * trains for an hour must not fail at the end because its folder is read-only. Creates nothing.
 */
public final class OutputPaths {
    private OutputPaths() {}

    /**
     * Refuses {@code dir} as an output folder if it exists and is not a writable folder, or if it
     * cannot be created: its nearest existing ancestor is not a writable folder.
     *
     * @param option the command-line option that named it, e.g. "--out"
     */
    public static void requireWritableFolder(Path dir, String option) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw new UserException(option + " " + dir + " is a file, not a folder; give a folder path");
            }
            if (!Files.isWritable(abs)) {
                throw new UserException(option + " " + dir + " is not writable; give a folder you can write to");
            }
            return;
        }
        requireCreatable(abs, dir, option);
    }

    /** Refuses {@code file} as an output file if it is a folder, or if its folder cannot be written or created. */
    public static void requireWritableFile(Path file, String option) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new UserException(option + " " + file + " is a folder; give a file path");
        }
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            throw new UserException(option + " " + file + " is not writable; give a file you can write to");
        }
        Path parent = abs.getParent();
        if (parent != null) {
            if (Files.exists(parent)) {
                requireWritableFolder(parent, option + "'s folder");
            } else {
                requireCreatable(parent, file, option);
            }
        }
    }

    private static void requireCreatable(Path abs, Path given, String option) {
        Path ancestor = abs.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            throw new UserException(option + " " + given + " cannot be created: no part of its path exists");
        }
        if (!Files.isDirectory(ancestor)) {
            throw new UserException(option + " " + given + " cannot be created: " + ancestor
                    + " is a file, not a folder; give another path");
        }
        if (!Files.isWritable(ancestor)) {
            throw new UserException(option + " " + given + " cannot be created: " + ancestor
                    + " is not writable; give a folder you can write to");
        }
    }
}
