package org.condense.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes small hand-made images for ImageFolder tests. */
final class TestImages {

    static final int RED = 0xff0000;
    static final int BLUE = 0x0000ff;

    private TestImages() {}

    /** An RGB image whose pixel (x, y) is {@code rgb[y][x]}. */
    static BufferedImage rgb(int[][] rgb) {
        BufferedImage img = new BufferedImage(rgb[0].length, rgb.length, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < rgb.length; y++) {
            for (int x = 0; x < rgb[0].length; x++) {
                img.setRGB(x, y, rgb[y][x]);
            }
        }
        return img;
    }

    /** An 8-bit gray image whose pixel (x, y) is {@code gray[y][x]}. */
    static BufferedImage gray(int[][] gray) {
        BufferedImage img = new BufferedImage(gray[0].length, gray.length, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < gray.length; y++) {
            for (int x = 0; x < gray[0].length; x++) {
                img.getRaster().setSample(x, y, 0, gray[y][x]);
            }
        }
        return img;
    }

    /** A w×h image of one colour. */
    static BufferedImage solid(int w, int h, int rgb) {
        int[][] px = new int[h][w];
        for (int[] row : px) {
            java.util.Arrays.fill(row, rgb);
        }
        return rgb(px);
    }

    /** Writes {@code img} to {@code file}, creating folders; the format follows the extension. */
    static Path write(Path file, BufferedImage img) {
        try {
            Files.createDirectories(file.getParent());
            String name = file.getFileName().toString().toLowerCase();
            String format = name.endsWith(".png") ? "png" : "jpg";
            if (!ImageIO.write(img, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
