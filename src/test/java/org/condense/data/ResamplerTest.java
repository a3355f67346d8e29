package org.condense.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    @Test
    void sameSizeIsTheIdentity() {
        float[] plane = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(plane, Resampler.resize(plane, 2, 3, 2, 3));
    }

    @Test
    void resizesEachAxisAndChannelOnItsOwn() {
        // Two channels of 1×4: width 4→2 uses the weights 3/7, 3/7, 1/7 (mirrored for the second
        // output); height 1→2 only repeats the row.
        byte[] chw = {0, 70, (byte) 140, (byte) 210, 7, 7, 7, 7};
        byte[] out = Resampler.resizeChw(chw, 2, 1, 4, 2, 2);
        assertArrayEquals(new byte[] {50, (byte) 160, 50, (byte) 160, 7, 7, 7, 7}, out);
    }
}
