package org.condense.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a NumPy {@code .npy} file, written and read: magic {@code \x93NUMPY}, major and
 * minor version bytes, the header length (uint16 LE in 1.0, uint32 LE in 2.0 and 3.0), then an
 * ASCII Python dict literal padded with spaces and ending in a newline, so that the data starts
 * at a multiple of 64 bytes. Callers word their own errors (a score file and a label file call
 * for different fixes), so reading reports what is wrong as a {@link Malformed} kind.
 */
public final class NpyFormat {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");

    private NpyFormat() {}

    /** Reads {@code count} bytes at {@code offset}, fewer where the input ends. */
    @FunctionalInterface
    public interface Source {
        byte[] read(long offset, int count) throws IOException;

        static Source of(byte[] bytes) {
            return (offset, count) -> Arrays.copyOfRange(bytes, (int) Math.min(offset, bytes.length),
                    (int) Math.min(offset + count, bytes.length));
        }
    }

    /** What is wrong with a header; {@link #getMessage()} is the dict text for {@link Kind#MALFORMED}. */
    public static final class Malformed extends Exception {
        public enum Kind {
            /** shorter than the fixed part, or no magic */
            NOT_NPY,
            /** a major version above the one the caller reads */
            VERSION,
            /** the input ends inside the dict */
            TRUNCATED,
            /** the dict lacks {@code descr} or {@code shape} */
            MALFORMED
        }

        private final Kind kind;
        private final int major;

        Malformed(Kind kind, int major, String detail) {
            super(detail, null, false, false);
            this.kind = kind;
            this.major = major;
        }

        public Kind kind() {
            return kind;
        }

        /** The version byte read, 0 before it was. */
        public int major() {
            return major;
        }
    }

    /**
     * A header as read.
     *
     * @param fortranOrder null when the dict does not say
     * @param shape the text between the shape's parentheses, e.g. {@code 3, 4} or {@code 3,}
     * @param dataOffset where the data starts
     */
    public record Header(int major, String descr, Boolean fortranOrder, String shape, long dataOffset) {
        /** The shape's entries as written (spaces removed; a trailing comma gives no entry). */
        public String[] dimensions() {
            return shape.replace(" ", "").split(",");
        }

        /** The shape's sizes; a NumberFormatException when one is not a whole number. */
        public long[] sizes() {
            return Arrays.stream(dimensions()).mapToLong(Long::parseLong).toArray();
        }
    }

    /** The format 1.0 header of a C-order array of dtype {@code descr}; the data follows it. */
    public static byte[] encode(String descr, long... shape) {
        String dims = shape.length == 1 ? shape[0] + "," : String.join(", ",
                Arrays.stream(shape).mapToObj(Long::toString).toList());
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        String text = dict + " ".repeat((ALIGN - unpadded % ALIGN) % ALIGN) + "\n";
        byte[] h = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + h.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h);
        return b.array();
    }

    /**
     * Reads the header at the start of {@code in}.
     *
     * @param maxMajor the highest format version the caller reads (1 to 3)
     */
    public static Header decode(Source in, int maxMajor) throws Malformed, IOException {
        byte[] start = in.read(0, MAGIC.length + 4);
        if (start.length < MAGIC.length + 4 || !Arrays.equals(start, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new Malformed(Malformed.Kind.NOT_NPY, 0, "bad magic");
        }
        int major = start[6];
        if (major < 1 || major > maxMajor) {
            throw new Malformed(Malformed.Kind.VERSION, major, "format " + major);
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] field = in.read(8, lengthBytes);
        if (field.length < lengthBytes) {
            throw new Malformed(Malformed.Kind.TRUNCATED, major, "header length cut short");
        }
        ByteBuffer b = ByteBuffer.wrap(field).order(ByteOrder.LITTLE_ENDIAN);
        long length = major == 1 ? Short.toUnsignedInt(b.getShort()) : Integer.toUnsignedLong(b.getInt());
        long dictOffset = 8 + lengthBytes;
        byte[] dict = length > Integer.MAX_VALUE ? new byte[0] : in.read(dictOffset, (int) length);
        if (dict.length < length) {
            throw new Malformed(Malformed.Kind.TRUNCATED, major, "header of " + length + " bytes cut short");
        }
        String text = new String(dict, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, text);
        String shape = group(SHAPE, text);
        if (descr == null || shape == null) {
            throw new Malformed(Malformed.Kind.MALFORMED, major, text.strip());
        }
        String fortran = group(FORTRAN, text);
        return new Header(major, descr, fortran == null ? null : fortran.equals("True"), shape, dictOffset + length);
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
