package org.condense.labels;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.condense.UserException;

/**
 * The header of a NumPy {@code .npy} file (format 1.0, C order) of a 1-D or 2-D array, so label
 * chunks can be streamed row by row after it and read back at any row.
 *
 * @param descr NumPy dtype string, e.g. {@code <f2}, {@code <f4}, {@code <i2}, {@code <i4}
 */
record NpyHeader(String descr, long rows, int columns, boolean twoD) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");

    static NpyHeader matrix(String descr, long rows, int columns) {
        return new NpyHeader(descr, rows, columns, true);
    }

    static NpyHeader vector(String descr, long rows) {
        return new NpyHeader(descr, rows, 1, false);
    }

    int itemSize() {
        return Integer.parseInt(descr.substring(2));
    }

    long rowBytes() {
        return (long) columns * itemSize();
    }

    /** Magic, version, length and the padded dict: data then starts at a multiple of 64 bytes. */
    byte[] encode() {
        String shape = twoD ? "(" + rows + ", " + columns + ")" : "(" + rows + ",)";
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        String text = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        byte[] h = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + h.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h);
        return b.array();
    }

    long dataOffset() {
        return encode().length;
    }

    long fileBytes() {
        return dataOffset() + rows * rowBytes();
    }

    /** Reads and checks the header of {@code file}; the file must hold exactly the data it declares. */
    static NpyHeader read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer start = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(start, 0);
            byte[] b = start.array();
            if (start.position() < 10 || !Arrays.equals(b, 0, 6, MAGIC, 0, 6) || b[6] != 1) {
                throw new UserException("label file " + file.getFileName() + " is not a .npy 1.0 file; relabel");
            }
            int length = Short.toUnsignedInt(start.getShort(8));
            ByteBuffer dict = ByteBuffer.allocate(length);
            ch.read(dict, 10);
            String text = new String(dict.array(), StandardCharsets.US_ASCII);
            String descr = group(DESCR, text, file);
            if (!group(FORTRAN, text, file).equals("False")) {
                throw new UserException("label file " + file.getFileName() + " is in Fortran order; relabel");
            }
            String[] dims = group(SHAPE, text, file).replace(" ", "").split(",");
            NpyHeader h = dims.length == 2
                    ? matrix(descr, Long.parseLong(dims[0]), Integer.parseInt(dims[1]))
                    : vector(descr, Long.parseLong(dims[0]));
            if (ch.size() != h.fileBytes()) {
                throw new UserException("label file " + file.getFileName() + " holds " + ch.size() + " bytes, its "
                        + "header declares " + h.fileBytes() + "; it is truncated or tampered with, relabel");
            }
            return h;
        } catch (IOException | NumberFormatException e) {
            throw new UserException("cannot read label file " + file.getFileName() + " (" + e.getMessage() + "); relabel");
        }
    }

    private static String group(Pattern p, String text, Path file) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new UserException("label file " + file.getFileName() + " has a malformed .npy header; relabel");
        }
        return m.group(1);
    }
}
