package org.condense.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.condense.compress.CompressedDataset;

/**
 * A mosaic of a compressed dataset as in the paper's figures: one row per class (the first
 * {@code classes}), its first {@code perClass} images, each scaled up by an integer factor with
 * nearest-neighbour so that small images stay sharp.
 */
final class ImageGrid {
    private static final int LABEL_WIDTH = 110;
    private static final int GAP = 2;

    private ImageGrid() {}

    static byte[] render(CompressedDataset ds, int classes, int perClass) {
        int shown = Math.min(classes, ds.classNames().size());
        List<List<Integer>> rows = new ArrayList<>();
        for (int c = 0; c < shown; c++) {
            rows.add(new ArrayList<>());
        }
        for (int i = 0; i < ds.size(); i++) {
            int label = ds.label(i);
            if (label < shown && rows.get(label).size() < perClass) {
                rows.get(label).add(i);
            }
        }
        int cols = rows.stream().mapToInt(List::size).max().orElse(0);
        int scale = Math.max(1, 64 / ds.height());
        int tile = ds.height() * scale;
        BufferedImage canvas = new BufferedImage(LABEL_WIDTH + cols * (tile + GAP), Math.max(1, shown * (tile + GAP)),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        byte[] chw = new byte[ds.channels() * ds.height() * ds.width()];
        for (int c = 0; c < shown; c++) {
            int y0 = c * (tile + GAP);
            g.setColor(Color.DARK_GRAY);
            g.drawString(ds.classNames().get(c), 6, y0 + tile / 2 + 5);
            for (int j = 0; j < rows.get(c).size(); j++) {
                ds.readImage(rows.get(c).get(j), chw);
                int x0 = LABEL_WIDTH + j * (tile + GAP);
                paint(canvas, chw, ds.channels(), ds.height(), ds.width(), x0, y0, scale);
            }
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(canvas, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void paint(BufferedImage canvas, byte[] chw, int channels, int h, int w, int x0, int y0, int scale) {
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = chw[y * w + x] & 0xff;
                int gr = channels == 3 ? chw[plane + y * w + x] & 0xff : r;
                int b = channels == 3 ? chw[2 * plane + y * w + x] & 0xff : r;
                int rgb = (r << 16) | (gr << 8) | b;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        canvas.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
                    }
                }
            }
        }
    }
}
