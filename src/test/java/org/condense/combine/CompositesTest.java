package org.condense.combine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.condense.augment.CropBox;
import org.condense.augment.TileGrid;
import org.junit.jupiter.api.Test;

class CompositesTest {
    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void twoByTwoCompositeOfTwoPixelImagesIsTheGridOfTheirBlockMeans() {
        // four 1-channel 2×2 images; each becomes one pixel: the mean of its four (half rounds up)
        List<byte[]> images = List.of(bytes(0, 4, 8, 12), bytes(1, 1, 1, 1), bytes(10, 20, 30, 40),
                bytes(255, 255, 255, 253));
        assertArrayEquals(bytes(6, 1, 25, 255), Composites.combine(images, 1, 2, 2));
    }

    @Test
    void compositeEqualsTheHandMadeGridPixelForPixel() {
        // 3-channel 4×4 images with a left/right split: after 2× area shrink each tile is 2×2 of
        // the image's left and right column means, channel by channel
        int c = 3;
        int s = 4;
        byte[][] img = new byte[4][c * s * s];
        for (int t = 0; t < 4; t++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < s; y++) {
                    for (int x = 0; x < s; x++) {
                        img[t][ch * 16 + y * 4 + x] = (byte) (x < 2 ? 10 * t + ch : 100 + 10 * t + ch);
                    }
                }
            }
        }
        byte[] expected = new byte[c * s * s];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    int t = (y / 2) * 2 + x / 2; // row-major tile
                    expected[ch * 16 + y * 4 + x] = (byte) (x % 2 == 0 ? 10 * t + ch : 100 + 10 * t + ch);
                }
            }
        }
        assertArrayEquals(expected, Composites.combine(List.of(img[0], img[1], img[2], img[3]), c, s, 2));
    }

    @Test
    void areaResizeAveragesOverlappingFootprintsLikeTorchAreaMode() {
        // 1×3 row to 1×2: torch area (adaptive avg pool) windows [0,2) and [1,3)
        byte[] dst = new byte[2];
        AreaResize.into(bytes(0, 10, 30), 1, 1, 3, dst, 1, 2, 0, 0, 1, 2);
        assertArrayEquals(bytes(5, 20), dst);
    }

    @Test
    void ranksAreDealtAcrossCompositesSoEachMixesEasyAndLessEasy() {
        int[] ranked = {100, 101, 102, 103, 104, 105, 106, 107}; // best first
        int[][] out = Composites.arrange(ranked, 2, 2);
        assertArrayEquals(new int[] {100, 102, 104, 106}, out[0]);
        assertArrayEquals(new int[] {101, 103, 105, 107}, out[1]);
        assertThrows(IllegalArgumentException.class, () -> Composites.arrange(ranked, 3, 2));
    }

    @Test
    void tilesCoverTheImageExactlyWhenTheFactorDoesNotDivideIt() {
        TileGrid grid = new TileGrid(32, 3);
        assertEquals(new CropBox(0, 0, 10, 10), grid.tile(0));
        assertEquals(new CropBox(0, 10, 10, 11), grid.tile(1));
        assertEquals(new CropBox(21, 21, 11, 11), grid.tile(8));
        int area = 0;
        for (int t = 0; t < grid.tiles(); t++) {
            area += grid.tile(t).area();
        }
        assertEquals(32 * 32, area);
        assertEquals(false, grid.uniform());
        assertEquals(true, new TileGrid(32, 2).uniform());
    }
}
