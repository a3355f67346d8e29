package org.condense.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.condense.UserException;

/**
 * Opens a dataset by name ({@code cifar10}, {@code fashion-mnist}, {@code mnist}) or by path (an
 * ImageFolder root, or a folder holding CIFAR-10 / IDX files).
 */
public final class Datasets {

    private Datasets() {}

    /** The names {@link #open} understands besides paths. */
    public static List<String> knownNames() {
        return KnownDataset.names();
    }

    public static ImageDataset open(String nameOrPath, Split split, DataOptions opts) {
        Optional<KnownDataset> known = KnownDataset.byName(nameOrPath);
        if (known.isPresent()) {
            return known.get().open(DataLocator.forOptions(opts).locate(known.get()), split);
        }
        Path dir = existingFolder(nameOrPath);
        // A folder of binary files opens as that dataset, e.g. a path straight to cifar-10-batches-bin.
        Optional<KnownDataset> format = binaryFormat(dir);
        if (format.isPresent()) {
            return format.get().open(dir, split);
        }
        return ImageFolderDataset.open(dir, split, opts.imageSize(), opts.channels());
    }

    /** The folder a name or path resolves to, to report where data came from. */
    public static Path locate(String nameOrPath, DataOptions opts) {
        Optional<KnownDataset> known = KnownDataset.byName(nameOrPath);
        if (known.isPresent()) {
            return DataLocator.forOptions(opts).locate(known.get());
        }
        return existingFolder(nameOrPath);
    }

    private static Path existingFolder(String nameOrPath) {
        Path dir = Path.of(nameOrPath).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new UserException("Unknown dataset '" + nameOrPath + "': not one of " + String.join(", ",
                    knownNames()) + ", and " + dir + (Files.exists(dir) ? " is not a folder" : " does not exist")
                    + ". Use one of those names, or the path of an ImageFolder root (ROOT/train/<class>/*.png).");
        }
        return dir;
    }

    /**
     * The known dataset whose files {@code dir} holds. MNIST and Fashion-MNIST share one format, so
     * the folder's name tells them apart; the guess only affects class names.
     */
    private static Optional<KnownDataset> binaryFormat(Path dir) {
        if (KnownDataset.CIFAR10.isIn(dir)) {
            return Optional.of(KnownDataset.CIFAR10);
        }
        if (KnownDataset.MNIST.isIn(dir)) {
            boolean fashion = dir.getFileName() != null
                    && dir.getFileName().toString().toLowerCase(Locale.ROOT).contains("fashion");
            return Optional.of(fashion ? KnownDataset.FASHION_MNIST : KnownDataset.MNIST);
        }
        return Optional.empty();
    }
}
