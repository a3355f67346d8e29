package org.condense.data;

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
     * Decodes PNG (or JPEG) bytes of a square image into {@code dst} as CHW with the requested
     * channel count (conversions as {@link FairStorage}: grey replicated, colour to luma).
     *
     * @throws IOException if the bytes are not a readable image or the size differs from expected
     */
    public static void decode(byte[] encoded, byte[] dst, int channels, int height, int width) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(encoded));
        if (img == null) {
            throw new IOException("not a PNG or JPEG image");
        }
        if (img.getWidth() != width || img.getHeight() != height || height != width) {
            throw new IOException("image is " + img.getWidth() + "×" + img.getHeight() + ", expected " + width + "×" + height);
        }
        FairStorage.apply(img, height, channels, dst);
    }
}
