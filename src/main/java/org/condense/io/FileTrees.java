package org.condense.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes folder trees (work folders, checkpoints, temporary outputs). */
public final class FileTrees {
    private FileTrees() {}

    /** Deletes {@code dir} and everything in it; nothing happens if it does not exist. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        deleteContents(dir);
        Files.delete(dir);
    }

    /** Deletes everything inside {@code dir}, keeping the folder itself. */
    public static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
