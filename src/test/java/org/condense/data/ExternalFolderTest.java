package org.condense.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalFolderTest {
    @TempDir
    Path dir;

    private static int[] unsigned(ImageDataset ds, int index) {
        byte[] px = new byte[ds.imageBytes()];
        ds.readImage(index, px);
        int[] out = new int[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = px[i] & 0xff;
        }
        return out;
    }

    @Test
    void readsEachImageAtTheTestResolutionAndChannels() throws Exception {
        Path root = dir.resolve("syn");
        int[][] gray = new int[6][8];
        for (int[] row : gray) {
            Arrays.fill(row, 100);
        }
        TestImages.write(root.resolve("dog/b/nested.png"), TestImages.gray(gray));
        TestImages.write(root.resolve("dog/a.png"), TestImages.solid(5, 5, TestImages.RED));
        TestImages.write(root.resolve("dog/.hidden/x.png"), TestImages.solid(5, 5, TestImages.RED));
        TestImages.write(root.resolve("Cat/z.jpg"), TestImages.solid(4, 4, TestImages.BLUE));
        Files.writeString(root.resolve("README.txt"), "made by another tool");
        List<String> classes = List.of("cat", "dog");

        ExternalFolder rgb = ExternalFolder.scan(root, "pets", classes, 4, 3, false);
        assertEquals("syn", rgb.name());
        assertEquals(List.of("Cat/z.jpg", "dog/a.png", "dog/b/nested.png"), rgb.files());
        ImageDataset ds = rgb.dataset();
        assertEquals(classes, ds.classNames());
        assertEquals(List.of(0, 1, 1), List.of(ds.label(0), ds.label(1), ds.label(2)));
        assertEquals(4, ds.height());
        int[] replicated = unsigned(ds, 2); // 8×6 gray → centre 6×6 → 4×4, replicated to RGB
        assertEquals(48, replicated.length);
        assertTrue(Arrays.stream(replicated).allMatch(v -> v == 100), Arrays.toString(replicated));
        assertEquals(2, rgb.ipc()); // 3 images over 2 classes, rounded
    }

    @Test
    void rgbBecomesLumaForAGrayTestSet() throws Exception {
        Path root = dir.resolve("syn");
        TestImages.write(root.resolve("0/a.png"), TestImages.solid(3, 3, TestImages.RED));
        ExternalFolder gray = ExternalFolder.scan(root, "digits", List.of("zero", "one"), 2, 1, true);
        assertEquals(4, gray.dataset().imageBytes());
        // ITU-R 601 luma of pure red, as PIL's convert("L")
        assertTrue(Arrays.stream(unsigned(gray.dataset(), 0)).allMatch(v -> v == 76));
        assertEquals(gray.content().bytes(), Files.size(root.resolve("0/a.png")));
    }

    @Test
    void anImageFolderTestSetGivesClassesResolutionAndNormalisation() {
        Path test = dir.resolve("pets");
        TestImages.write(test.resolve("train/Cat/1.png"), TestImages.solid(6, 6, TestImages.RED));
        TestImages.write(test.resolve("train/dog/1.png"), TestImages.solid(6, 6, TestImages.BLUE));
        TestImages.write(test.resolve("val/Cat/1.png"), TestImages.solid(6, 6, TestImages.RED));
        TestImages.write(test.resolve("val/dog/1.png"), TestImages.solid(6, 6, TestImages.BLUE));
        Path syn = dir.resolve("syn");
        TestImages.write(syn.resolve("CAT/x.png"), TestImages.solid(9, 9, TestImages.RED));
        TestImages.write(syn.resolve("Dog/x.png"), TestImages.solid(9, 9, TestImages.BLUE));
        DataOptions opts = DataOptions.defaults().withImageSize(3);
        ExternalData ext = ExternalData.open(syn, test.toString(), 1, null, false, opts);
        assertEquals(List.of("Cat", "dog"), ext.dataset().classNames());
        assertEquals(3, ext.dataset().height());
        assertEquals(2, ext.sourceSize());
        assertEquals("syn", ext.label());
        assertEquals(Normalization.ofSource(Datasets.open(test.toString(), Split.TRAIN, opts)), ext.normalization());
        assertEquals(List.of(0, 1), List.of(ext.dataset().label(0), ext.dataset().label(1)));
    }
}
