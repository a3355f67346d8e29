package org.condense.compress;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.condense.UserException;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.data.Png;

/** Reads a compressed dataset folder written by {@link CompressedDatasetWriter}; images are decoded on demand. */
public final class CompressedDataset implements ImageDataset {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path root;
    private final Manifest manifest;

    private CompressedDataset(Path root, Manifest manifest) {
        this.root = root;
        this.manifest = manifest;
    }

    public static boolean isCompressedDataset(Path dir) {
        return Files.isRegularFile(dir.resolve("manifest.json"));
    }

    public static CompressedDataset open(Path root) {
        Path file = root.resolve("manifest.json");
        if (!Files.isRegularFile(file)) {
            throw new UserException(root + " is not a compressed dataset (no manifest.json); create one with `condense compress`");
        }
        Manifest m = readManifest(file);
        return new CompressedDataset(root, m);
    }

    public static Manifest readManifest(Path file) {
        try {
            Manifest m = JSON.readValue(file.toFile(), Manifest.class);
            if (m == null || m.classes() == null || m.images() == null || !Manifest.FORMAT.equals(m.format())) {
                throw new UserException(file + " is not a condense manifest (format " + Manifest.FORMAT + " expected)");
            }
            return m;
        } catch (IOException e) {
            throw new UserException(file + " is unreadable or corrupt (" + e.getMessage().split("\n")[0]
                    + "); recreate it with `condense compress`");
        }
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
        return manifest.images().stream().allMatch(e -> Files.isRegularFile(root.resolve(e.file())));
    }

    @Override
    public void readImage(int index, byte[] dst) {
        Path file = root.resolve(manifest.images().get(index).file());
        try {
            Png.decode(Files.readAllBytes(file), dst, channels(), height(), width());
        } catch (IOException e) {
            throw new UserException("compressed dataset image " + file + " is missing or corrupt (" + e.getMessage()
                    + "); recreate the dataset with `condense compress`");
        }
    }
}
