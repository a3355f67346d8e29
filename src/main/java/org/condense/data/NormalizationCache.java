package org.condense.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.condense.Version;
import org.condense.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source's normalisation, computed once and kept as a small JSON file per dataset content
 * ({@link ImageDataset#contentKey}) in the cache folder: {@value #ENV} if set, else
 * {@code ~/.condense/cache}. Decoding tens of thousands of large images takes minutes; reading
 * the file takes milliseconds. A file that cannot be read or does not match is recomputed and
 * rewritten; a folder that cannot be written only costs the recomputation next time.
 */
final class NormalizationCache {
    static final String ENV = "CONDENSE_CACHE";
    static final int FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(NormalizationCache.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What a cache file holds: the statistics and what they were computed from. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Entry(int format, String key, String dataset, int samples, String codeVersion, float[] mean, float[] std) {}

    private final Path dir;

    NormalizationCache(Path dir) {
        this.dir = dir;
    }

    /** The cache folder of this environment. */
    static NormalizationCache standard() {
        String env = System.getenv(ENV);
        return new NormalizationCache(env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".condense", "cache"));
    }

    /** The statistics of {@code ds} over {@code samples} samples, from the cache when it has them. */
    Normalization get(ImageDataset ds, int samples) {
        Optional<String> content = ds.contentKey();
        if (content.isEmpty()) {
            return Normalization.compute(ds, samples);
        }
        // the code version too: a change to decoding or resizing must not reuse old numbers
        String key = sha256("normalization " + FORMAT + "\n" + content.get() + "\nsamples " + samples + "\ncode "
                + Version.get());
        Path file = file(key);
        Normalization cached = read(file, key, ds.channels());
        if (cached != null) {
            return cached;
        }
        Normalization computed = Normalization.compute(ds, samples);
        Entry entry = new Entry(FORMAT, key, ds.name(), samples, Version.get(), computed.mean(), computed.std());
        try {
            AtomicFiles.write(file, out -> JSON.writeValue(out, entry));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot write the normalisation cache {} ({}); it will be recomputed next time; set {} to a "
                    + "writable folder to keep it", file, e.getMessage(), ENV);
        }
        return computed;
    }

    Path file(String key) {
        return dir.resolve("normalization-" + key + ".json");
    }

    /** The cached statistics, or null if the file is missing, unreadable or not for this key. */
    private static Normalization read(Path file, String key, int channels) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Entry e = JSON.readValue(file.toFile(), Entry.class);
            if (e == null || e.format() != FORMAT || !key.equals(e.key()) || e.mean() == null || e.std() == null
                    || e.mean().length != channels) {
                throw new IOException("not the statistics of this dataset");
            }
            for (int c = 0; c < channels; c++) {
                if (!Float.isFinite(e.mean()[c]) || !Float.isFinite(e.std()[c])) {
                    throw new IOException("a value is not finite");
                }
            }
            return new Normalization(e.mean(), e.std());
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring the damaged normalisation cache {} ({}); recomputing it", file, e.getMessage());
            return null;
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
