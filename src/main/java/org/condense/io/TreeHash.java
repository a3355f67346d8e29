package org.condense.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.condense.UserException;

/**
 * Names a set of files by content: SHA-256 over the files sorted by relative path, each as its
 * UTF-8 path ({@code /}-separated), a zero byte, its size as 8 bytes big-endian, then its bytes.
 * Moving or renaming the root folder keeps the hash; renaming, editing, adding or removing a
 * file changes it. Files are streamed, so any size fits.
 *
 * @param sha256 the hash in lower-case hex
 * @param bytes the files' total size
 */
public record TreeHash(String sha256, long bytes) {

    /** @param relativePaths paths under {@code root}, {@code /}-separated, in any order */
    public static TreeHash of(Path root, List<String> relativePaths) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long total = 0;
        byte[] buf = new byte[1 << 16];
        for (String rel : relativePaths.stream().sorted().toList()) {
            Path file = root.resolve(rel);
            try (InputStream in = Files.newInputStream(file)) {
                long size = Files.size(file);
                md.update(rel.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(ByteBuffer.allocate(Long.BYTES).putLong(size).array());
                long read = 0;
                for (int n; (n = in.read(buf)) > 0; read += n) {
                    md.update(buf, 0, n);
                }
                if (read != size) {
                    throw new IOException(file + " changed while it was read");
                }
                total += size;
            } catch (IOException e) {
                throw new UserException("cannot read " + file + " (" + e.getMessage() + "); check that it is readable", e);
            }
        }
        return new TreeHash(HexFormat.of().formatHex(md.digest()), total);
    }
}
