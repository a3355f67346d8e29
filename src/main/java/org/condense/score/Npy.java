package org.condense.score;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.condense.UserException;

/**
 * NumPy {@code .npy} files holding one 1-D vector. Writes format 1.0 with dtype {@code '<f8'};
 * reads formats 1.0–3.0 with little-endian float32/float64 (and int32/int64, which other tools
 * use for counts such as forgetting events).
 *
 * <p>Layout: magic {@code \x93NUMPY}, major and minor version bytes, the header length
 * (uint16 LE in 1.0, uint32 LE later), then an ASCII Python dict literal padded with spaces and
 * ending in a newline so that the data starts at a multiple of 64 bytes.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** A complete {@code .npy} file of {@code values} as float64, shape (n,). */
    public static byte[] encode(double[] values) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + values.length + ",), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        String header = dict + " ".repeat((ALIGN - unpadded % ALIGN) % ALIGN) + "\n";
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + h.length + 8 * values.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    /**
     * The vector in {@code bytes}, as doubles.
     *
     * @param origin file name for error messages
     */
    public static double[] decode(byte[] bytes, String origin) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < MAGIC.length + 4 || !java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new UserException(origin + " is not a NumPy .npy file (bad magic); save it with numpy.save");
        }
        int major = bytes[6];
        b.position(8);
        long headerLength = major == 1 ? Short.toUnsignedInt(b.getShort()) : Integer.toUnsignedLong(b.getInt());
        if (major < 1 || major > 3 || b.position() + headerLength > bytes.length) {
            throw new UserException(origin + " has an unsupported or truncated .npy header (format " + major + ")");
        }
        String header = new String(bytes, b.position(), (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        b.position(b.position() + (int) headerLength);
        String descr = field(DESCR, header, origin);
        // fortran_order is not checked: a 1-D array has the same layout in either order
        int n = length(field(SHAPE, header, origin), origin);
        int itemSize = itemSize(descr, origin);
        if (b.remaining() != (long) n * itemSize) {
            throw new UserException(origin + " holds " + b.remaining() + " data bytes, expected " + (long) n * itemSize
                    + " for shape (" + n + ",) of " + descr + "; the file is truncated or corrupt");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (descr.substring(1)) {
                case "f8" -> b.getDouble();
                case "f4" -> b.getFloat();
                case "i8" -> b.getLong();
                default -> b.getInt();
            };
        }
        return out;
    }

    private static String field(Pattern p, String header, String origin) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new UserException(origin + " has a malformed .npy header: " + header.strip());
        }
        return m.group(1);
    }

    private static int length(String shape, String origin) {
        String[] dims = shape.replace(" ", "").split(",");
        if (dims.length != 1 || dims[0].isEmpty()) {
            throw new UserException(origin + " has shape (" + shape + "); scores must be a 1-D array of one value "
                    + "per sample (use arr.reshape(-1))");
        }
        try {
            return Integer.parseInt(dims[0]);
        } catch (NumberFormatException e) {
            throw new UserException(origin + " has a malformed shape (" + shape + ")");
        }
    }

    private static int itemSize(String descr, String origin) {
        switch (descr.replace('=', '<')) {
            case "<f8", "<i8":
                return 8;
            case "<f4", "<i4":
                return 4;
            default:
                throw new UserException(origin + " has dtype '" + descr + "'; scores must be little-endian float32 or "
                        + "float64 (or int32/int64): save arr.astype('<f8')");
        }
    }
}
