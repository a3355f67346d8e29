package org.condense.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * The paper's fair-storage preprocessing of a decoded image: centre-crop the shortest side,
 * resize to R×R, and convert to the dataset's channel count (gray is replicated to RGB; RGB is
 * reduced to luma with ITU-R 601 weights, as PIL's {@code convert("L")}). Alpha is dropped.
 */
public final class FairStorage {

    private FairStorage() {}

    /** Writes the preprocessed image into {@code dst} as CHW bytes ({@code channels × size × size}). */
    public static void apply(BufferedImage img, int size, int channels, byte[] dst) {
        int side = Math.min(img.getWidth(), img.getHeight());
        // Integer offsets: an odd excess leaves the extra pixel on the right/bottom.
        int x0 = (img.getWidth() - side) / 2;
        int y0 = (img.getHeight() - side) / 2;
        float[][] planes = planes(img, x0, y0, side, channels);
        for (int c = 0; c < channels; c++) {
            float[] resized = side == size ? planes[c] : Resampler.resize(planes[c], side, side, size, size);
            Resampler.toBytes(resized, dst, c * size * size);
        }
    }

    /** The {@code side × side} region at (x0, y0) as {@code channels} planes of 0..255 values. */
    static float[][] planes(BufferedImage img, int x0, int y0, int side, int channels) {
        int n = side * side;
        float[][] planes = new float[channels][n];
        if (isGray(img)) {
            // Read gray samples directly: Java2D's RGB view of a gray image goes through a linear
            // gray colour space and would shift the values.
            float[] gray = graySamples(img.getRaster(), x0, y0, side);
            for (float[] p : planes) {
                System.arraycopy(gray, 0, p, 0, n);
            }
            return planes;
        }
        int[] argb = img.getRGB(x0, y0, side, side, null, 0, side); // any colour model → sRGB
        for (int i = 0; i < n; i++) {
            int r = (argb[i] >> 16) & 0xff;
            int g = (argb[i] >> 8) & 0xff;
            int b = argb[i] & 0xff;
            if (channels == 3) {
                planes[0][i] = r;
                planes[1][i] = g;
                planes[2][i] = b;
            } else {
                planes[0][i] = (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16; // PIL's fixed-point luma
            }
        }
        return planes;
    }

    private static boolean isGray(BufferedImage img) {
        return img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && img.getRaster().getNumBands() <= 2; // gray, or gray + alpha
    }

    private static float[] graySamples(Raster raster, int x0, int y0, int side) {
        int[] samples = raster.getSamples(x0 + raster.getMinX(), y0 + raster.getMinY(), side, side, 0, (int[]) null);
        int bits = raster.getSampleModel().getSampleSize(0);
        int max = (1 << bits) - 1;
        float[] out = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = bits == 8 ? samples[i] : Math.round(samples[i] * 255f / max);
        }
        return out;
    }
}
