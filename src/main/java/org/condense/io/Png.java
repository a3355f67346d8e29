package org.condense.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Lossless conversion between CHW 8-bit pixels (1 or 3 channels) and PNG bytes. */
public final class Png {
    private Png() {}

    public static byte[] encode(byte[] chw, int channels, int height, int width) {
        BufferedImage img = new BufferedImage(width, height,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        byte[] raster = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int plane = height * width;
        if (channels == 1) {
            System.arraycopy(chw, 0, raster, 0, plane);
        } else {
            for (int p = 0; p < plane; p++) {
                raster[3 * p] = chw[2 * plane + p];
                raster[3 * p + 1] = chw[plane + p];
                raster[3 * p + 2] = chw[p];
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes PNG (or JPEG) bytes into {@code dst} as CHW with the requested channel count; grey
     * images are replicated to 3 channels, colour images averaged to 1 (ITU-R 601 luma).
     *
     * @throws IOException if the bytes are not a readable image or the size differs from expected
     */
    public static void decode(byte[] encoded, byte[] dst, int channels, int height, int width) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(encoded));
        if (img == null) {
            throw new IOException("not a PNG or JPEG image");
        }
        if (img.getWidth() != width || img.getHeight() != height) {
            throw new IOException("image is " + img.getWidth() + "×" + img.getHeight() + ", expected " + width + "×" + height);
        }
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                int p = y * width + x;
                if (channels == 1) {
                    boolean grey = r == g && g == b;
                    dst[p] = (byte) (grey ? r : Math.round(0.299 * r + 0.587 * g + 0.114 * b));
                } else {
                    dst[p] = (byte) r;
                    dst[plane + p] = (byte) g;
                    dst[2 * plane + p] = (byte) b;
                }
            }
        }
    }
}
