package org.condense.score;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.condense.UserException;
import org.condense.io.NpyFormat;

/**
 * NumPy {@code .npy} files holding one 1-D vector. Writes format 1.0 with dtype {@code '<f8'};
 * reads formats 1.0–3.0 with little-endian float32/float64 (and int32/int64, which other tools
 * use for counts such as forgetting events). The header itself is {@link NpyFormat}'s.
 */
public final class Npy {
    private Npy() {}

    /** A complete {@code .npy} file of {@code values} as float64, shape (n,). */
    public static byte[] encode(double[] values) {
        byte[] h = NpyFormat.encode("<f8", values.length);
        ByteBuffer b = ByteBuffer.allocate(h.length + 8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(h);
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
        NpyFormat.Header header;
        try {
            header = NpyFormat.decode(NpyFormat.Source.of(bytes), 3);
        } catch (NpyFormat.Malformed e) {
            throw new UserException(switch (e.kind()) {
                case NOT_NPY -> origin + " is not a NumPy .npy file (bad magic); save it with numpy.save";
                case VERSION, TRUNCATED -> origin + " has an unsupported or truncated .npy header (format " + e.major()
                        + ")";
                case MALFORMED -> origin + " has a malformed .npy header: " + e.getMessage();
            });
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory", e);
        }
        String descr = header.descr();
        // fortran_order is not checked: a 1-D array has the same layout in either order
        int n = length(header, origin);
        int itemSize = itemSize(descr, origin);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).position((int) header.dataOffset());
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

    private static int length(NpyFormat.Header header, String origin) {
        String[] dims = header.dimensions();
        if (dims.length != 1 || dims[0].isEmpty()) {
            throw new UserException(origin + " has shape (" + header.shape() + "); scores must be a 1-D array of one "
                    + "value per sample (use arr.reshape(-1))");
        }
        try {
            return Integer.parseInt(dims[0]);
        } catch (NumberFormatException e) {
            throw new UserException(origin + " has a malformed shape (" + header.shape() + ")");
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
