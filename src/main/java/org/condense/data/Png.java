package org.condense.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Lossless encoding of CHW 8-bit pixels (1 or 3 channels) as PNG bytes; {@link ImageFiles} reads them back. */
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
}
