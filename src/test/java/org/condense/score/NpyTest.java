package org.condense.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.condense.UserException;
import org.junit.jupiter.api.Test;

class NpyTest {
    /** The header numpy 1.x/2.x writes for a 1-D array of 3 elements of the given dtype, padded to 128 bytes. */
    private static String header(String dtype) {
        String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (3,), }";
        return "934e554d5059" + "0100" + "7600" + HexFormat.of().formatHex((dict + " ".repeat(117 - dict.length())
                + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void writesExactlyWhatNumpySaveWrites() {
        // bytes of numpy.save(f, numpy.array([0.5, -1.25, 3.0])), captured from numpy
        String numpy = "934e554d5059010076007b276465736372273a20273c6638272c2027666f727472616e5f6f72646572273a2046616c73"
                + "652c20277368617065273a2028332c292c207d20202020202020202020202020202020202020202020202020202020202020"
                + "20202020202020202020202020202020202020202020202020202020200a000000000000e03f000000000000f4bf00000000"
                + "00000840";
        assertEquals(numpy, HexFormat.of().formatHex(Npy.encode(new double[] {0.5, -1.25, 3.0})));
        assertEquals(header("<f8"), numpy.substring(0, 256));
    }

    @Test
    void headerIsPaddedToSixtyFourBytesAndValuesRoundTrip() {
        for (int n : new int[] {0, 1, 7, 123456}) {
            double[] values = new double[n];
            Arrays.setAll(values, i -> Math.sin(i) * 1e-3 + i);
            byte[] bytes = Npy.encode(values);
            int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
            assertEquals(0, (10 + headerLength) % 64);
            assertEquals('\n', bytes[10 + headerLength - 1]);
            assertArrayEquals(values, Npy.decode(bytes, "x.npy"));
        }
    }

    @Test
    void readsHandMadeFloat32AndInt64Files() {
        byte[] f4 = HexFormat.of().parseHex(header("<f4") + "0000003f" + "0000a0bf" + "00004040");
        assertArrayEquals(new double[] {0.5, -1.25, 3.0}, Npy.decode(f4, "f4.npy"));
        byte[] i8 = HexFormat.of().parseHex(header("<i8") + "0100000000000000" + "0200000000000000" + "2800000000000000");
        assertArrayEquals(new double[] {1, 2, 40}, Npy.decode(i8, "i8.npy"));
    }

    @Test
    void refusesWhatItCannotReadWithAClearMessage() {
        String data = "000000000000e03f".repeat(3);
        assertError(header(">f8") + data, "dtype '>f8'");
        assertError(header("<U8") + data, "dtype '<U8'");
        assertError(header("<f8").replace(HexFormat.of().formatHex("(3,)".getBytes()),
                HexFormat.of().formatHex("(1,3)".getBytes())).replace("2020200a", "20200a"), "1-D");
        assertError(header("<f8") + data.substring(2), "truncated");
        assertError("00112233445566778899", "not a NumPy");
    }

    private static void assertError(String hex, String expected) {
        UserException e = assertThrows(UserException.class, () -> Npy.decode(HexFormat.of().parseHex(hex), "s.npy"));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains("s.npy"), e.getMessage());
    }
}
