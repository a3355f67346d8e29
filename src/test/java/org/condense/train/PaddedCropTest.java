package org.condense.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.condense.augment.PaddedCrop;
import org.condense.random.Seeds;
import org.junit.jupiter.api.Test;

class PaddedCropTest {
    @Test
    void cropIsAShiftedWindowWithZeroPadding() {
        int h = 4;
        int w = 4;
        float[] src = new float[h * w];
        for (int i = 0; i < src.length; i++) {
            src[i] = i + 1; // 1..16, no zeros
        }
        for (int s = 0; s < 200; s++) {
            float[] dst = new PaddedCrop(2).apply(src, 1, h, w, Seeds.forSample(s, 0, 0));
            // find the shift from any non-padding pixel, then check every pixel against it
            int dy = Integer.MIN_VALUE;
            int dx = 0;
            for (int i = 0; i < dst.length && dy == Integer.MIN_VALUE; i++) {
                if (dst[i] != 0) {
                    int v = (int) dst[i] - 1;
                    dy = v / w - i / w;
                    dx = v % w - i % w;
                }
            }
            assertTrue(Math.abs(dy) <= 2 && Math.abs(dx) <= 2, "shift within the padding");
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sy = y + dy;
                    int sx = x + dx;
                    float expected = sy >= 0 && sy < h && sx >= 0 && sx < w ? src[sy * w + sx] : 0f;
                    assertEquals(expected, dst[y * w + x]);
                }
            }
        }
    }
}
