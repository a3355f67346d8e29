package org.condense.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.condense.UserException;

/** File checks and user-facing errors shared by the binary dataset readers. */
final class DataFiles {

    private DataFiles() {}

    /** Returns {@code file} if it is a regular file, else a UserException that says how to fix it. */
    static Path requireFile(Path file, String howToFix) {
        if (!Files.isRegularFile(file)) {
            throw new UserException("Missing dataset file " + file.toAbsolutePath() + ". " + howToFix);
        }
        return file;
    }

    /** Opens a file for streaming, transparently gunzipping names ending in {@code .gz}. */
    static InputStream open(Path file) {
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * A content key ({@link ImageDataset#contentKey}) for a dataset read whole from {@code files}:
     * their names, sizes and modification times with the class names, without reading them again.
     */
    static String contentKey(String format, List<Path> files, List<String> classNames) {
        StringBuilder text = new StringBuilder(format).append('\n');
        classNames.forEach(c -> text.append(c).append('\0'));
        for (Path f : files) {
            try {
                text.append('\n').append(f.toAbsolutePath().normalize()).append('\0').append(Files.size(f)).append(' ')
                        .append(Files.getLastModifiedTime(f).toMillis());
            } catch (IOException e) {
                throw unreadable(f, e);
            }
        }
        return format + " " + NormalizationCache.sha256(text.toString());
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    static UserException corrupt(Path file, String detail) {
        return corrupt(file, detail, null);
    }

    static UserException corrupt(Path file, String detail, Throwable cause) {
        return new UserException("Dataset file " + file.toAbsolutePath() + " is corrupt or truncated: " + detail
                + ". Replace it with a fresh copy of the official file.", cause);
    }

    static UserException unreadable(Path file, IOException e) {
        if (e instanceof EOFException) {
            return corrupt(file, "it ends early", e);
        }
        // An I/O error mid-read of a .gz is almost always a truncated or damaged download.
        return new UserException("Cannot read dataset file " + file.toAbsolutePath() + " (corrupt or truncated? "
                + e.getMessage() + "). Check its permissions or replace it with a fresh copy of the official file.",
                e);
    }
}
