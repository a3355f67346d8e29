package org.condense.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads PNG and JPEG files without trusting them: the width and height come from the header
 * first, and an image larger than the caller allows is refused before its pixels are allocated
 * (a tiny PNG may declare 20000×20000, gigabytes once decoded). The file is streamed, never read
 * whole into memory.
 */
public final class ImageFiles {
    private ImageFiles() {}

    /** Width and height as the file's header declares them. */
    public record Size(int width, int height) {
        @Override
        public String toString() {
            return width + "×" + height;
        }
    }

    /** Something that decides, from the header alone, whether an image may be decoded. */
    @FunctionalInterface
    public interface SizeCheck {
        /** @return null to decode, or why the image is refused */
        String refuse(Size size);
    }

    /** Refuses images wider or taller than {@code maxSide} pixels. */
    public static SizeCheck atMost(int maxSide) {
        return s -> s.width() > maxSide || s.height() > maxSide
                ? "it is " + s + " px, larger than the limit of " + maxSide + " px on a side" : null;
    }

    /** Refuses images that are not exactly {@code side}×{@code side} pixels. */
    public static SizeCheck exactly(int side) {
        return s -> s.width() != side || s.height() != side ? "it is " + s + " px, expected " + side + "×" + side : null;
    }

    /** The header's size, without decoding pixels. */
    public static Size size(Path file) throws IOException {
        try (ImageInputStream in = open(file)) {
            ImageReader reader = reader(in);
            try {
                return new Size(reader.getWidth(0), reader.getHeight(0));
            } catch (RuntimeException e) {
                throw new IOException("corrupt image header (" + e.getClass().getSimpleName() + ")", e);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * Decodes {@code file} if {@code check} accepts the size its header declares.
     *
     * @throws IOException if the file is not a readable PNG/JPEG or is refused (the message says why)
     */
    public static BufferedImage read(Path file, SizeCheck check) throws IOException {
        try (ImageInputStream in = open(file)) {
            ImageReader reader = reader(in);
            try {
                Size size = new Size(reader.getWidth(0), reader.getHeight(0));
                String refused = check.refuse(size);
                if (refused != null) {
                    throw new IOException(refused);
                }
                return reader.read(0);
            } catch (RuntimeException e) {
                // ImageIO's decoders throw unchecked exceptions on some corrupt files
                throw new IOException("corrupt image data (" + e.getClass().getSimpleName() + ")", e);
            } finally {
                reader.dispose();
            }
        }
    }

    private static ImageInputStream open(Path file) throws IOException {
        ImageInputStream in = ImageIO.createImageInputStream(file.toFile());
        if (in == null) {
            throw new IOException("cannot open the file");
        }
        return in;
    }

    private static ImageReader reader(ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            String format = r.getFormatName().toLowerCase(java.util.Locale.ROOT);
            if (format.equals("png") || format.equals("jpeg") || format.equals("jpg")) {
                r.setInput(in, true, true);
                return r;
            }
            r.dispose();
        }
        throw new IOException("not a PNG or JPEG image");
    }
}
