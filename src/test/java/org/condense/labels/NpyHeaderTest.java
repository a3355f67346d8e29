package org.condense.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.condense.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyHeaderTest {
    /** A label file with a hand-written 1.0 header (128 bytes) and {@code dataBytes} zero bytes of data. */
    private static Path file(Path dir, String name, String dict, int dataBytes) throws Exception {
        byte[] text = (dict + " ".repeat(117 - dict.length()) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[128 + dataBytes];
        byte[] start = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0};
        System.arraycopy(start, 0, out, 0, 10);
        System.arraycopy(text, 0, out, 10, text.length);
        return Files.write(dir.resolve(name), out);
    }

    @Test
    void handWrittenLabelFilesReadAsTheirShapes(@TempDir Path dir) throws Exception {
        assertEquals(NpyHeader.matrix("<f2", 2, 3),
                NpyHeader.read(file(dir, "a.npy", "{'descr': '<f2', 'fortran_order': False, 'shape': (2, 3), }", 12)));
        assertEquals(NpyHeader.matrix("<f4", 2, 3),
                NpyHeader.read(file(dir, "b.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 24)));
        assertEquals(NpyHeader.matrix("<i2", 4, 10),
                NpyHeader.read(file(dir, "c.npy", "{'descr': '<i2', 'fortran_order': False, 'shape': (4, 10), }", 80)));
        assertEquals(NpyHeader.vector("<i4", 5),
                NpyHeader.read(file(dir, "d.npy", "{'descr': '<i4', 'fortran_order': False, 'shape': (5,), }", 20)));
        assertEquals(128, NpyHeader.vector("<i4", 5).dataOffset());
        assertEquals(148, NpyHeader.vector("<i4", 5).fileBytes());
    }

    @Test
    void aMalformedHeaderIsOneLine(@TempDir Path dir) throws Exception {
        assertMessage(file(dir, "e.npy", "{'fortran_order': False, 'shape': (2, 3), }", 12),
                "label file e.npy has a malformed .npy header; relabel");
        assertMessage(file(dir, "f.npy", "{'descr': '<f2', 'fortran_order': True, 'shape': (2, 3), }", 12),
                "label file f.npy is in Fortran order; relabel");
        assertMessage(file(dir, "g.npy", "{'descr': '<f2', 'fortran_order': False, 'shape': (2, 3), }", 11),
                "label file g.npy holds 139 bytes, its header declares 140; it is truncated or tampered with, relabel");
        assertMessage(Files.write(dir.resolve("h.npy"), "not numpy".getBytes(StandardCharsets.US_ASCII)),
                "label file h.npy is not a .npy 1.0 file; relabel");
    }

    private static void assertMessage(Path file, String expected) {
        UserException e = assertThrows(UserException.class, () -> NpyHeader.read(file));
        assertEquals(expected, e.getMessage());
    }
}
