package org.condense.data;

import static org.condense.data.TestImages.BLUE;
import static org.condense.data.TestImages.RED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.condense.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {

    @TempDir
    Path root;

    private static byte[] read(ImageDataset ds, int index) {
        byte[] img = new byte[ds.imageBytes()];
        ds.readImage(index, img);
        return img;
    }

    /** One output row per channel, as unsigned values, for an image of side {@code size}. */
    private static int[] row(byte[] chw, int size, int channel, int y) {
        return Cifar10DatasetTest.unsigned(chw, channel * size * size + y * size, size);
    }

    private ImageDataset single(java.awt.image.BufferedImage img, String file, int size, int channels) {
        TestImages.write(root.resolve("train/only").resolve(file), img);
        return ImageFolderDataset.open(root, Split.TRAIN, size, channels);
    }

    @Test
    void listsClassesSortedAndImagesByExtension() throws IOException {
        TestImages.write(root.resolve("train/dog/b.png"), TestImages.solid(2, 2, RED));
        TestImages.write(root.resolve("train/dog/a.JPG"), TestImages.solid(2, 2, RED));
        TestImages.write(root.resolve("train/dog/nested/c.jpeg"), TestImages.solid(2, 2, RED));
        TestImages.write(root.resolve("train/ant/x.png"), TestImages.solid(2, 2, RED));
        TestImages.write(root.resolve("train/cat/y.png"), TestImages.solid(2, 2, RED));
        TestImages.write(root.resolve("train/cat/.hidden.png"), TestImages.solid(2, 2, RED));
        Files.writeString(root.resolve("train/cat/notes.txt"), "not an image");
        Files.createDirectories(root.resolve("train/.cache"));

        ImageFolderDataset ds = ImageFolderDataset.open(root, Split.TRAIN, 8, 3);
        assertEquals(List.of("ant", "cat", "dog"), ds.classNames());
        assertEquals(5, ds.size());
        List<String> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            files.add(root.resolve("train").relativize(ds.path(i)).toString().replace('\\', '/'));
            labels.add(ds.label(i));
        }
        assertEquals(List.of("ant/x.png", "cat/y.png", "dog/a.JPG", "dog/b.png", "dog/nested/c.jpeg"), files);
        assertEquals(List.of(0, 1, 2, 2, 2), labels);
        assertEquals(root.toAbsolutePath().normalize().toString(), ds.name());
        assertEquals(3 * 8 * 8, ds.imageBytes());
    }

    @Test
    void valSplitKeepsTheTrainingLabels() {
        TestImages.write(root.resolve("train/ant/1.png"), TestImages.solid(2, 2, RED));
        TestImages.write(root.resolve("train/cat/1.png"), TestImages.solid(2, 2, RED));
        TestImages.write(root.resolve("train/dog/1.png"), TestImages.solid(2, 2, RED));
        TestImages.write(root.resolve("val/dog/1.png"), TestImages.solid(2, 2, RED)); // no ant/, cat/ in val
        ImageFolderDataset val = ImageFolderDataset.open(root, Split.TEST, 2, 3);
        assertEquals(List.of("ant", "cat", "dog"), val.classNames());
        assertEquals(1, val.size());
        assertEquals(2, val.label(0));
    }

    @Test
    void valClassUnknownToTrainIsAnError() {
        TestImages.write(root.resolve("train/ant/1.png"), TestImages.solid(2, 2, RED));
        TestImages.write(root.resolve("val/bee/1.png"), TestImages.solid(2, 2, RED));
        UserException e = assertThrows(UserException.class, () -> ImageFolderDataset.open(root, Split.TEST, 2, 3));
        assertTrue(e.getMessage().contains("bee"), e.getMessage());
    }

    @Test
    void missingSplitFolderIsAnError() {
        TestImages.write(root.resolve("train/ant/1.png"), TestImages.solid(2, 2, RED));
        UserException e = assertThrows(UserException.class, () -> ImageFolderDataset.open(root, Split.TEST, 2, 3));
        assertTrue(e.getMessage().contains("no val/ folder"), e.getMessage());
    }

    @Test
    void emptyTrainingClassIsAnError() throws IOException {
        TestImages.write(root.resolve("train/ant/1.png"), TestImages.solid(2, 2, RED));
        Files.createDirectories(root.resolve("train/bee"));
        UserException e = assertThrows(UserException.class, () -> ImageFolderDataset.open(root, Split.TRAIN, 2, 3));
        assertTrue(e.getMessage().contains(root.resolve("train/bee").toString()), e.getMessage());
    }

    @Test
    void rootWithClassFoldersDirectlyIsAccepted() {
        TestImages.write(root.resolve("b/1.png"), TestImages.solid(2, 2, RED));
        TestImages.write(root.resolve("a/1.png"), TestImages.solid(2, 2, BLUE));
        ImageFolderDataset ds = ImageFolderDataset.open(root, Split.TEST, 2, 3);
        assertEquals(List.of("a", "b"), ds.classNames());
        assertEquals(255, read(ds, 0)[2 * 4] & 0xff, "a/1.png is blue");
    }

    @Test
    void wideImageIsCentreCroppedThenUpscaled() {
        // 4×2: columns 0-1 red, 2-3 blue. The centre 2×2 crop is columns 1-2: one red, one blue column.
        int[][] px = {{RED, RED, BLUE, BLUE}, {RED, RED, BLUE, BLUE}};
        byte[] same = read(single(TestImages.rgb(px), "wide.png", 2, 3), 0);
        assertArrayEquals(new int[] {255, 0}, row(same, 2, 0, 0));
        assertArrayEquals(new int[] {0, 255}, row(same, 2, 2, 1));

        // Upscaled 2→4 with the triangle filter: output centres at 0.25, 0.75, 1.25, 1.75 input
        // pixels give red weights 1, ¾, ¼, 0 → 255, 191.25, 63.75, 0.
        byte[] up = read(ImageFolderDataset.open(root, Split.TRAIN, 4, 3), 0);
        for (int y = 0; y < 4; y++) {
            assertArrayEquals(new int[] {255, 191, 64, 0}, row(up, 4, 0, y), "red row " + y);
            assertArrayEquals(new int[] {0, 0, 0, 0}, row(up, 4, 1, y), "green row " + y);
            assertArrayEquals(new int[] {0, 64, 191, 255}, row(up, 4, 2, y), "blue row " + y);
        }
    }

    @Test
    void tallImageIsCroppedToItsMiddleRows() {
        // 1×3 column: rows 10, 20, 30 → the centre 1×1 crop is row 1.
        byte[] img = read(single(TestImages.gray(new int[][] {{10}, {20}, {30}}), "tall.png", 1, 1), 0);
        assertEquals(20, img[0] & 0xff);
    }

    @Test
    void downscaleAveragesOverTheFilterFootprint() {
        // Columns 0, 70, 140, 210 shrunk 4→2: the triangle filter stretched to radius 2 weighs the
        // input columns 3/7, 3/7, 1/7 (then mirrored) → 0·3/7 + 70·3/7 + 140/7 = 50, and 160.
        int[] line = {0, 70, 140, 210};
        byte[] img = read(single(TestImages.gray(new int[][] {line, line, line, line}), "g.png", 2, 3), 0);
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(new int[] {50, 160}, row(img, 2, c, 0), "gray is copied to channel " + c);
            assertArrayEquals(new int[] {50, 160}, row(img, 2, c, 1));
        }
    }

    @Test
    void sameSizeIsExactAndRgbToGrayUsesLuma() {
        int[][] px = {{0x102030, 0xff0000, 0x00ff00}, {0x0000ff, 0xffffff, 0x000000}, {0x7f7f7f, 0x010203, 0xabcdef}};
        byte[] rgb = read(single(TestImages.rgb(px), "p.png", 3, 3), 0);
        assertArrayEquals(new int[] {0x10, 0xff, 0x00}, row(rgb, 3, 0, 0));
        assertArrayEquals(new int[] {0x20, 0x00, 0xff}, row(rgb, 3, 1, 0));
        assertArrayEquals(new int[] {0x7f, 0x03, 0xef}, row(rgb, 3, 2, 2));

        byte[] gray = read(ImageFolderDataset.open(root, Split.TRAIN, 3, 1), 0);
        // PIL's L = (19595 R + 38470 G + 7471 B + 2^15) >> 16: (16,32,48) 29, red 76, green 150, blue 29.
        assertArrayEquals(new int[] {29, 76, 150}, row(gray, 3, 0, 0));
        assertArrayEquals(new int[] {29, 255, 0}, row(gray, 3, 0, 1));
    }

    @Test
    void readsJpeg() {
        ImageDataset ds = single(TestImages.solid(6, 4, 0x3366cc), "photo.jpg", 2, 3);
        byte[] img = read(ds, 0);
        int[] expected = {0x33, 0x66, 0xcc};
        for (int c = 0; c < 3; c++) {
            for (int v : row(img, 2, c, 0)) {
                assertTrue(Math.abs(v - expected[c]) <= 3, "channel " + c + " value " + v);
            }
        }
    }

    @Test
    void unreadableImageNamesTheFile() throws IOException {
        Path bad = root.resolve("train/ant/broken.png");
        Files.createDirectories(bad.getParent());
        Files.write(bad, new byte[] {1, 2, 3, 4, 5});
        ImageFolderDataset ds = ImageFolderDataset.open(root, Split.TRAIN, 4, 3);
        UserException e = assertThrows(UserException.class, () -> read(ds, 0));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }
}
