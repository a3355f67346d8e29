package org.condense.compress;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.condense.UserException;
import org.condense.data.FairStorage;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.io.ConfinedFiles;
import org.condense.io.ImageFiles;

/** Reads a compressed dataset folder written by {@link CompressedDatasetWriter}; images are decoded on demand. */
public final class CompressedDataset implements ImageDataset {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A manifest of a million images is about 150 MB; anything far larger is not one. */
    private static final long MAX_MANIFEST_BYTES = 1L << 30;

    private final Path root;
    private final Manifest manifest;

    private CompressedDataset(Path root, Manifest manifest) {
        this.root = root;
        this.manifest = manifest;
    }

    /** Whether {@code dir} holds a {@code manifest.json} of any kind: a link or fifo there is refused by {@link #open}, not read as an ImageFolder. */
    public static boolean isCompressedDataset(Path dir) {
        return Files.exists(dir.resolve("manifest.json"), LinkOption.NOFOLLOW_LINKS);
    }

    public static CompressedDataset open(Path root) {
        if (!isCompressedDataset(root)) {
            throw new UserException(root + " is not a compressed dataset (no manifest.json); create one with `condense compress`");
        }
        Path file = ConfinedFiles.resolve(root, "manifest.json", "manifest", "recreate the dataset with `condense compress`");
        Manifest m = readManifest(file);
        return new CompressedDataset(root, m);
    }

    /** Reads and checks a manifest (see {@link ManifestCheck}); nothing it names is opened. */
    public static Manifest readManifest(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new UserException(file + " is not a regular file; a manifest.json is a JSON file written by "
                        + "`condense compress`");
            }
            if (Files.size(file) > MAX_MANIFEST_BYTES) {
                throw new UserException(file + " is " + Files.size(file) + " bytes, more than a manifest can be ("
                        + MAX_MANIFEST_BYTES + "); recreate it with `condense compress`");
            }
            JsonNode tree = JSON.readTree(file.toFile());
            ManifestCheck.check(file, tree);
            return JSON.treeToValue(tree, Manifest.class);
        } catch (IOException e) {
            throw new UserException(file + " is unreadable or corrupt (" + e.getMessage().split("\n")[0]
                    + "); recreate it with `condense compress`");
        }
    }

    /**
     * Checks every listed image before any is decoded: its real path is a regular file inside the
     * dataset folder, and its header declares the manifest's resolution.
     */
    public CompressedDataset requireImages() {
        for (int i = 0; i < size(); i++) {
            Path file = imageFile(i);
            try {
                String refused = ImageFiles.exactly(manifest.resolution()).refuse(ImageFiles.size(file));
                if (refused != null) {
                    throw new IOException(refused);
                }
            } catch (IOException e) {
                throw corrupt(file, e);
            }
        }
        return this;
    }

    public Manifest manifest() {
        return manifest;
    }

    public Path root() {
        return root;
    }

    public Normalization normalization() {
        return new Normalization(manifest.mean(), manifest.std());
    }

    @Override
    public String name() {
        return root.toString();
    }

    @Override
    public List<String> classNames() {
        return manifest.classes();
    }

    @Override
    public int size() {
        return manifest.images().size();
    }

    @Override
    public int label(int index) {
        return manifest.images().get(index).label();
    }

    @Override
    public int channels() {
        return manifest.channels();
    }

    @Override
    public int height() {
        return manifest.resolution();
    }

    @Override
    public int width() {
        return manifest.resolution();
    }

    /** Whether every image the manifest lists is on disk (a folder may keep only the manifest and cost as a record). */
    public boolean imagesOnDisk() {
        try {
            for (int i = 0; i < size(); i++) {
                imageFile(i);
            }
            return true;
        } catch (UserException e) {
            return false;
        }
    }

    @Override
    public void readImage(int index, byte[] dst) {
        Path file = imageFile(index);
        try {
            BufferedImage img = ImageFiles.read(file, ImageFiles.exactly(manifest.resolution()));
            FairStorage.apply(img, height(), channels(), dst);
        } catch (IOException e) {
            throw corrupt(file, e);
        }
    }

    /** The image's file: checked to be a regular file inside the dataset folder. */
    private Path imageFile(int index) {
        return ConfinedFiles.resolve(root, manifest.images().get(index).file(), "compressed dataset image",
                "recreate the dataset with `condense compress`");
    }

    private static UserException corrupt(Path file, IOException e) {
        return new UserException("compressed dataset image " + file + " is unreadable or corrupt (" + e.getMessage()
                + "); recreate the dataset with `condense compress`");
    }
}
