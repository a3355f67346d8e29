package org.condense.labels;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.condense.UserException;
import org.condense.io.NpyFormat;

/**
 * The header of a NumPy {@code .npy} file (format 1.0, C order) of a 1-D or 2-D array, so label
 * chunks can be streamed row by row after it and read back at any row.
 *
 * @param descr NumPy dtype string, e.g. {@code <f2}, {@code <f4}, {@code <i2}, {@code <i4}
 */
record NpyHeader(String descr, long rows, int columns, boolean twoD) {
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
        return twoD ? NpyFormat.encode(descr, rows, columns) : NpyFormat.encode(descr, rows);
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
            NpyFormat.Header header;
            try {
                header = NpyFormat.decode((offset, count) -> {
                    ByteBuffer b = ByteBuffer.allocate(count);
                    while (b.hasRemaining() && ch.read(b, offset + b.position()) > 0) {
                        // a file read may return part of what was asked
                    }
                    return Arrays.copyOf(b.array(), b.position());
                }, 1);
            } catch (NpyFormat.Malformed e) {
                throw new UserException("label file " + file.getFileName() + switch (e.kind()) {
                    case NOT_NPY, VERSION -> " is not a .npy 1.0 file; relabel";
                    case TRUNCATED, MALFORMED -> " has a malformed .npy header; relabel";
                });
            }
            if (header.fortranOrder() == null) {
                throw new UserException("label file " + file.getFileName() + " has a malformed .npy header; relabel");
            }
            if (header.fortranOrder()) {
                throw new UserException("label file " + file.getFileName() + " is in Fortran order; relabel");
            }
            long[] dims = header.sizes();
            NpyHeader h = dims.length == 2
                    ? matrix(header.descr(), dims[0], Math.toIntExact(dims[1]))
                    : vector(header.descr(), dims[0]);
            if (ch.size() != h.fileBytes()) {
                throw new UserException("label file " + file.getFileName() + " holds " + ch.size() + " bytes, its "
                        + "header declares " + h.fileBytes() + "; it is truncated or tampered with, relabel");
            }
            return h;
        } catch (IOException | NumberFormatException | ArithmeticException e) {
            throw new UserException("cannot read label file " + file.getFileName() + " (" + e.getMessage() + "); relabel");
        }
    }
}
