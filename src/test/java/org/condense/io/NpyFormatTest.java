package org.condense.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NpyFormatTest {
    /**
     * A 1.0 header as numpy.save writes it (checked against numpy 2.4): magic, version 1.0, length
     * 118 (0x76), the dict padded with spaces to 127 bytes after the length field's end, a newline.
     */
    private static byte[] header(String dict) {
        byte[] text = (dict + " ".repeat(117 - dict.length()) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] start = HexFormat.of().parseHex("934e554d5059" + "0100" + "7600");
        byte[] out = Arrays.copyOf(start, 10 + text.length);
        System.arraycopy(text, 0, out, 10, text.length);
        return out;
    }

    private static NpyFormat.Header decode(byte[] bytes, int maxMajor) throws Exception {
        return NpyFormat.decode(NpyFormat.Source.of(bytes), maxMajor);
    }

    @Test
    void everyDtypeWrittenByHandIsWrittenAndReadTheSame() throws Exception {
        Object[][] cases = {
            {"<f2", new long[] {2, 3}, "{'descr': '<f2', 'fortran_order': False, 'shape': (2, 3), }"},
            {"<f4", new long[] {2, 3}, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"},
            {"<f8", new long[] {3}, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"},
            {"<i2", new long[] {5}, "{'descr': '<i2', 'fortran_order': False, 'shape': (5,), }"},
            {"<i4", new long[] {4, 10}, "{'descr': '<i4', 'fortran_order': False, 'shape': (4, 10), }"},
            {"<i8", new long[] {3}, "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }"},
        };
        for (Object[] c : cases) {
            String descr = (String) c[0];
            long[] shape = (long[]) c[1];
            byte[] hand = header((String) c[2]);
            assertEquals(128, hand.length);
            assertArrayEquals(hand, NpyFormat.encode(descr, shape), descr);
            NpyFormat.Header h = decode(hand, 1);
            assertEquals(1, h.major());
            assertEquals(descr, h.descr());
            assertEquals(false, h.fortranOrder());
            assertArrayEquals(shape, h.sizes(), descr);
            assertEquals(128, h.dataOffset());
        }
    }

    @Test
    void laterVersionsAndFortranOrderAreRead() throws Exception {
        // version 2.0: a uint32 length (here 116 = 0x74), so the data again starts at byte 128
        String dict = "{'descr': '<f4', 'fortran_order': True, 'shape': (7,), }";
        byte[] v2 = (HexFormat.of().formatHex("\u0093NUMPY".getBytes(StandardCharsets.ISO_8859_1)) + "0200" + "74000000"
                + HexFormat.of().formatHex((dict + " ".repeat(115 - dict.length()) + "\n")
                        .getBytes(StandardCharsets.US_ASCII))).transform(HexFormat.of()::parseHex);
        NpyFormat.Header h = decode(v2, 3);
        assertEquals(2, h.major());
        assertEquals(true, h.fortranOrder());
        assertEquals("7,", h.shape());
        assertEquals(128, h.dataOffset());
        assertNull(decode(header("{'descr': '<f8', 'shape': (3,), }"), 1).fortranOrder(), "not said");
    }

    @Test
    void whatIsWrongIsNamed() {
        assertKind(HexFormat.of().parseHex("00112233445566778899"), 3, NpyFormat.Malformed.Kind.NOT_NPY);
        assertKind(Arrays.copyOf(header("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"), 8), 3,
                NpyFormat.Malformed.Kind.NOT_NPY);
        byte[] v2 = header("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }");
        v2[6] = 2;
        assertKind(v2, 1, NpyFormat.Malformed.Kind.VERSION);
        assertKind(Arrays.copyOf(header("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"), 60), 3,
                NpyFormat.Malformed.Kind.TRUNCATED);
        NpyFormat.Malformed m = assertKind(header("{'fortran_order': False, 'shape': (3,), }"), 3,
                NpyFormat.Malformed.Kind.MALFORMED);
        assertEquals("{'fortran_order': False, 'shape': (3,), }", m.getMessage(), "the dict, for the message");
        assertKind(header("{'descr': '<f8', 'fortran_order': False}"), 3, NpyFormat.Malformed.Kind.MALFORMED);
    }

    private static NpyFormat.Malformed assertKind(byte[] bytes, int maxMajor, NpyFormat.Malformed.Kind kind) {
        NpyFormat.Malformed m = assertThrows(NpyFormat.Malformed.class, () -> decode(bytes, maxMajor));
        assertEquals(kind, m.kind());
        return m;
    }
}
