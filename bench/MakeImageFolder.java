import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes a synthetic ImageFolder of JPEGs for memory and speed measurements (not for accuracy):
 * ROOT/train/cNNNN/NNN.jpg and ROOT/val/cNNNN/NNN.jpg, each image a class colour, a gradient,
 * a few random shapes and pixel noise, so that JPEG sizes are those of photos (tens of kB).
 * Deterministic: the same arguments give the same files. Existing files are kept.
 *
 *   java bench/MakeImageFolder.java ROOT CLASSES TRAIN_PER_CLASS VAL_PER_CLASS [SIDE]
 */
public class MakeImageFolder {
    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: java MakeImageFolder.java ROOT CLASSES TRAIN_PER_CLASS VAL_PER_CLASS [SIDE]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        int classes = Integer.parseInt(args[1]);
        int train = Integer.parseInt(args[2]);
        int val = Integer.parseInt(args[3]);
        int side = args.length > 4 ? Integer.parseInt(args[4]) : 224;
        for (int c = 0; c < classes; c++) {
            write(root.resolve("train"), c, train, side, 0);
            write(root.resolve("val"), c, val, side, 1_000_000);
        }
    }

    private static void write(Path split, int c, int count, int side, int seedOffset) throws IOException {
        Path dir = split.resolve(String.format("c%04d", c));
        Files.createDirectories(dir);
        Random classRng = new Random(c);
        Color base = new Color(classRng.nextInt(1 << 24));
        for (int i = 0; i < count; i++) {
            Path file = dir.resolve(String.format("%03d.jpg", i));
            if (Files.exists(file)) {
                continue;
            }
            Random rng = new Random(seedOffset + 1000L * c + i);
            BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setPaint(new java.awt.GradientPaint(0, 0, base, side, side, new Color(rng.nextInt(1 << 24))));
            g.fillRect(0, 0, side, side);
            for (int s = 0; s < 6; s++) {
                g.setColor(new Color(rng.nextInt(1 << 24)));
                int x = rng.nextInt(side), y = rng.nextInt(side), w = 8 + rng.nextInt(side / 2), h = 8 + rng.nextInt(side / 2);
                if (rng.nextBoolean()) {
                    g.fillOval(x, y, w, h);
                } else {
                    g.fillRect(x, y, w, h);
                }
            }
            g.dispose();
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int rgb = img.getRGB(x, y);
                    int n = rng.nextInt(25) - 12;
                    int r = clamp(((rgb >> 16) & 0xff) + n), gr = clamp(((rgb >> 8) & 0xff) + n), b = clamp((rgb & 0xff) + n);
                    img.setRGB(x, y, (r << 16) | (gr << 8) | b);
                }
            }
            Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
            if (!ImageIO.write(img, "jpg", tmp.toFile())) {
                throw new IOException("no JPEG writer");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
