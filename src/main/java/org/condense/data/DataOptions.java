package org.condense.data;

import java.nio.file.Path;
import org.condense.UserException;

/**
 * How to find and decode a dataset.
 *
 * @param dataDir extra folder searched first for named datasets ({@code --data-dir}); may be null
 * @param imageSize side R of the square images an ImageFolder is resized to (fair-storage rule)
 * @param channels 3 (RGB) or 1 (gray) for ImageFolder images; binary datasets have their own
 */
public record DataOptions(Path dataDir, int imageSize, int channels) {

    /** ImageNet's resolution in the paper's protocol. */
    public static final int DEFAULT_IMAGE_SIZE = 224;

    public DataOptions {
        if (imageSize < 1) {
            throw new UserException("Image size must be a positive number of pixels, got " + imageSize
                    + "; pass e.g. 32 or 224.");
        }
        if (channels != 1 && channels != 3) {
            throw new UserException("Channels must be 1 (gray) or 3 (RGB), got " + channels + ".");
        }
    }

    public static DataOptions defaults() {
        return new DataOptions(null, DEFAULT_IMAGE_SIZE, 3);
    }

    public DataOptions withDataDir(Path dir) {
        return new DataOptions(dir, imageSize, channels);
    }

    public DataOptions withImageSize(int size) {
        return new DataOptions(dataDir, size, channels);
    }

    public DataOptions withChannels(int c) {
        return new DataOptions(dataDir, imageSize, c);
    }
}
