package org.condense.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;
import org.condense.data.DataOptions;
import org.condense.data.Datasets;
import org.condense.data.ImageDataset;
import org.condense.data.Split;

/**
 * Image folders as other tools write them, built from the committed 20-image Fashion-MNIST
 * fixture: a data dir whose {@code fashion-mnist} holds those 20 images as both splits, and class
 * folders of PNGs named however a test likes.
 */
final class ForeignFolders {
    private ForeignFolders() {}

    /** A data dir (for --data-dir) whose fashion-mnist is the fixture, as training and as test split. */
    static Path fashionDataDir(Path dir) throws IOException {
        Path fm = dir.resolve("fashion-mnist");
        Files.createDirectories(fm);
        for (String file : new String[] {"images-idx3-ubyte.gz", "labels-idx1-ubyte.gz"}) {
            try (InputStream in = ForeignFolders.class.getResourceAsStream("/fixtures/fashion-mnist/train-" + file)) {
                byte[] bytes = in.readAllBytes();
                Files.write(fm.resolve("train-" + file), bytes);
                Files.write(fm.resolve("t10k-" + file), bytes);
            }
        }
        return dir;
    }

    static ImageDataset fashion(Path dataDir) {
        return Datasets.open("fashion-mnist", Split.TRAIN, DataOptions.defaults().withDataDir(dataDir));
    }

    /**
     * {@code perClass} gray PNGs for each class {@code c} of {@code src} in {@code root/<folder(c)>/}:
     * its images of that class in turn (any image for a class it lacks).
     */
    static Path classFolders(Path root, ImageDataset src, IntFunction<String> folder, int perClass) throws IOException {
        byte[] px = new byte[src.imageBytes()];
        for (int c = 0; c < src.numClasses(); c++) {
            int found = 0;
            for (int i = 0; found < perClass; i = (i + 1) % src.size()) {
                if (src.label(i) == c || i == c && noneOf(src, c)) {
                    src.readImage(i, px);
                    writeGray(root.resolve(folder.apply(c)).resolve(String.format("img%d.png", found)), px, src.width());
                    found++;
                }
            }
        }
        return root;
    }

    private static boolean noneOf(ImageDataset src, int c) {
        for (int i = 0; i < src.size(); i++) {
            if (src.label(i) == c) {
                return false;
            }
        }
        return true;
    }

    static void writeGray(Path file, byte[] px, int side) throws IOException {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                img.getRaster().setSample(x, y, 0, px[y * side + x] & 0xff);
            }
        }
        write(file, img);
    }

    /** A w×h RGB image of one colour. */
    static void writeRgb(Path file, int w, int h, int rgb) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        write(file, img);
    }

    private static void write(Path file, BufferedImage img) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IllegalStateException("no PNG writer");
        }
    }
}
