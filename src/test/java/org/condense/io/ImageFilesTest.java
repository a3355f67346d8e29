package org.condense.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.condense.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @Test
    void jpegAndPngSizesComeFromTheHeaderAndLargeOnesAreRefusedBeforeDecoding(@TempDir Path dir) throws IOException {
        Path jpg = dir.resolve("a.jpg");
        Path png = dir.resolve("a.png");
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_3BYTE_BGR), "jpg", jpg.toFile());
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        assertEquals(new ImageFiles.Size(40, 30), ImageFiles.size(jpg));
        assertEquals(new ImageFiles.Size(40, 30), ImageFiles.size(png));
        assertEquals(40, ImageFiles.read(jpg, ImageFiles.atMost(40)).getWidth());
        IOException big = assertThrows(IOException.class, () -> ImageFiles.read(jpg, ImageFiles.atMost(39)));
        assertTrue(big.getMessage().contains("40×30 px, larger than the limit of 39 px"), big.getMessage());
        IOException other = assertThrows(IOException.class, () -> ImageFiles.read(png, ImageFiles.exactly(30)));
        assertTrue(other.getMessage().contains("expected 30×30"), other.getMessage());
        assertNull(ImageFiles.exactly(40).refuse(new ImageFiles.Size(40, 40)));
        Files.writeString(dir.resolve("b.png"), "GIF89a not really");
        assertThrows(IOException.class, () -> ImageFiles.size(dir.resolve("b.png")));
    }

    @Test
    void confinedNamesStayInsideTheirFolder(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("in.png"), "x");
        Files.writeString(dir.resolve("out.png"), "x");
        assertEquals(root.resolve("in.png"), ConfinedFiles.resolve(root, "in.png", "image", "fix it"));
        for (String bad : new String[] {"/etc/hostname", "../out.png", "a/../../out.png", "", "sub/.."}) {
            UserException e = assertThrows(UserException.class, () -> ConfinedFiles.resolve(root, bad, "image", "fix it"));
            assertTrue(e.getMessage().endsWith("fix it"), e.getMessage());
        }
        Files.createSymbolicLink(root.resolve("link.png"), dir.resolve("out.png"));
        Files.createSymbolicLink(root.resolve("inner.png"), root.resolve("in.png"));
        assertThrows(UserException.class, () -> ConfinedFiles.resolve(root, "link.png", "image", "fix it"));
        // a link that stays inside is fine
        assertEquals(root.resolve("inner.png"), ConfinedFiles.resolve(root, "inner.png", "image", "fix it"));
    }
}
