package org.condense.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The datasets known by name: where their folder may be called and how a user gets them. */
enum KnownDataset {
    CIFAR10("cifar10", List.of("cifar10", "cifar-10-batches-bin", "cifar10/cifar-10-batches-bin"),
            List.of("data_batch_1.bin", "test_batch.bin")) {
        @Override
        ImageDataset open(Path dir, Split split) {
            return Cifar10Dataset.open(dir, split);
        }

        @Override
        String howToGet(Path dir) {
            Path target = dir.resolve("cifar10");
            return "Download https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz and unpack it into " + target
                    + " (mkdir -p " + target + " && tar -xzf cifar-10-binary.tar.gz --strip-components=1 -C "
                    + target + ")";
        }
    },
    FASHION_MNIST("fashion-mnist", List.of("fashion-mnist"), idxMarkers()) {
        @Override
        ImageDataset open(Path dir, Split split) {
            return IdxDataset.open(dir, split, id, IdxDataset.FASHION_MNIST_CLASSES);
        }

        @Override
        String howToGet(Path dir) {
            return "Install it with 'sudo apt-get install dataset-fashion-mnist', or download the four official "
                    + ".gz files (" + String.join(", ", IDX_FILES) + ") from "
                    + "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/ into " + dir.resolve(id);
        }
    },
    MNIST("mnist", List.of("mnist"), idxMarkers()) {
        @Override
        ImageDataset open(Path dir, Split split) {
            return IdxDataset.open(dir, split, id, IdxDataset.MNIST_CLASSES);
        }

        @Override
        String howToGet(Path dir) {
            return "Download the four official .gz files (" + String.join(", ", IDX_FILES) + ") from "
                    + "http://yann.lecun.com/exdb/mnist/ (mirror: https://ossci-datasets.s3.amazonaws.com/mnist/) "
                    + "into " + dir.resolve(id);
        }
    };

    static final List<String> IDX_FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    final String id;
    /** Folder names tried under each search root, most usual first. */
    final List<String> folderNames;
    /** Files whose presence marks a folder as holding this dataset (any one suffices). */
    final List<String> markers;

    KnownDataset(String id, List<String> folderNames, List<String> markers) {
        this.id = id;
        this.folderNames = folderNames;
        this.markers = markers;
    }

    private static List<String> idxMarkers() {
        return List.of("train-images-idx3-ubyte", "train-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte",
                "t10k-images-idx3-ubyte.gz");
    }

    abstract ImageDataset open(Path dir, Split split);

    /** One sentence telling the user how to put the dataset into {@code dir}. */
    abstract String howToGet(Path dir);

    boolean isIn(Path dir) {
        return markers.stream().anyMatch(m -> Files.isRegularFile(dir.resolve(m)));
    }

    static Optional<KnownDataset> byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (KnownDataset d : values()) {
            if (d.id.equals(n)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    static List<String> names() {
        return java.util.Arrays.stream(values()).map(d -> d.id).toList();
    }
}
