package org.condense.data;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the committed fixtures (slices of the official files) under src/test/resources/fixtures. */
final class Fixtures {

    /** The first 20 records of CIFAR-10's data_batch_1.bin. */
    static final Path CIFAR_FIRST20 = path("cifar10/data_batch_1.first20.bin");
    /** The first 20 Fashion-MNIST training images and labels, as gzipped IDX files. */
    static final Path FASHION_MNIST_DIR = path("fashion-mnist");

    private Fixtures() {}

    static Path path(String relative) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + relative).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test fixture " + relative, e);
        }
    }
}
