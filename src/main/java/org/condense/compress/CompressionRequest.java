package org.condense.compress;

import java.nio.file.Path;
import java.util.Map;
import org.condense.UserException;
import org.condense.data.ImageDataset;

/**
 * What a method is asked to do: compress {@code source} to {@code ipc} images per class.
 *
 * @param workDir a folder the method may keep finished parts of its work in, so that a rerun of
 *     the same request continues where an interrupted one stopped (null: keep nothing); the
 *     caller removes it once the compressed dataset is written
 */
public record CompressionRequest(ImageDataset source, int ipc, long seed, Map<String, String> options, Path workDir) {

    public CompressionRequest(ImageDataset source, int ipc, long seed, Map<String, String> options) {
        this(source, ipc, seed, options, null);
    }

    /** The images per class, refused (a user error) below 1. */
    public int positiveIpc() {
        if (ipc < 1) {
            throw new UserException("--ipc must be positive, got " + ipc);
        }
        return ipc;
    }
}
