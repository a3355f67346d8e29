package org.condense.distill;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.io.AtomicFiles;
import org.condense.io.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class-aware BN statistics kept beside the teacher, {@code <teacher>/class-bn-stats-<data>-<key>.bin},
 * so that the pass over the training set runs once per (teacher weights, dataset). The file
 * starts with the SHA-256 of its key (teacher weights' SHA-256, dataset name, size, class names and counts, image
 * shape, normalisation); a file whose key differs is recomputed. Written atomically; a teacher
 * folder that cannot be written only costs the recomputation next time.
 */
final class ClassBnStatisticsFile {
    private static final Logger LOG = LoggerFactory.getLogger(ClassBnStatisticsFile.class);
    private static final int MAGIC = 0x43425331; // "CBS1"

    private ClassBnStatisticsFile() {}

    /** What the statistics depend on, as text. */
    static String key(String teacherSha256, ImageDataset data, Normalization norm) {
        return String.join("\n", "teacher " + teacherSha256, "dataset " + data.name(), "size " + data.size(),
                "classes " + data.classNames(), "counts " + Arrays.toString(data.classCounts()),
                "shape " + data.channels() + "x" + data.height() + "x" + data.width(),
                "mean " + Arrays.toString(norm.mean()), "std " + Arrays.toString(norm.std()),
                "pass inference mode, no augmentation, biased variance");
    }

    /** The file for {@code key} in {@code teacherDir}. */
    static Path path(Path teacherDir, ImageDataset data, String key) {
        String name = Path.of(data.name()).getFileName() == null ? "data" : Path.of(data.name()).getFileName().toString();
        name = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.length() > 40) {
            name = name.substring(0, 40);
        }
        return teacherDir.resolve("class-bn-stats-" + name + "-" + Hashing.sha256(key).substring(0, 12) + ".bin");
    }

    /** The statistics in {@code file} if it holds {@code key}, else computed by {@code compute} and saved. */
    static ClassBnStatistics loadOrCompute(Path file, String key, Supplier<ClassBnStatistics> compute) {
        if (Files.isRegularFile(file)) {
            try {
                ClassBnStatistics found = read(file, key);
                if (found != null) {
                    LOG.info("class BN statistics from {}", file.getFileName());
                    return found;
                }
                LOG.info("{} was made for other weights or data; recomputing", file.getFileName());
            } catch (IOException e) {
                LOG.warn("cannot read {} ({}); recomputing", file, e.getMessage());
            }
        }
        ClassBnStatistics stats = compute.get();
        try {
            write(file, key, stats);
            LOG.info("class BN statistics saved to {}", file);
        } catch (IOException e) {
            LOG.warn("cannot save class BN statistics to {} ({}); they will be computed again next time", file,
                    e.getMessage());
        }
        return stats;
    }

    static void write(Path file, String key, ClassBnStatistics stats) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
            out.writeInt(MAGIC);
            out.writeUTF(Hashing.sha256(key));
            out.writeInt(stats.classes());
            out.writeInt(stats.layers());
            for (int c : stats.channels()) {
                out.writeInt(c);
            }
            for (int l = 0; l < stats.layers(); l++) {
                for (int c = 0; c < stats.classes(); c++) {
                    for (float v : stats.mean(l, c)) {
                        out.writeFloat(v);
                    }
                }
                for (int c = 0; c < stats.classes(); c++) {
                    for (float v : stats.var(l, c)) {
                        out.writeFloat(v);
                    }
                }
            }
            out.flush();
        });
    }

    /** The statistics in {@code file}, or null if it was made for another key. */
    static ClassBnStatistics read(Path file, String key) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a class BN statistics file");
            }
            if (!in.readUTF().equals(Hashing.sha256(key))) {
                return null;
            }
            int classes = in.readInt();
            int[] channels = new int[in.readInt()];
            for (int l = 0; l < channels.length; l++) {
                channels[l] = in.readInt();
            }
            float[][] means = new float[channels.length][];
            float[][] vars = new float[channels.length][];
            for (int l = 0; l < channels.length; l++) {
                means[l] = new float[classes * channels[l]];
                vars[l] = new float[classes * channels[l]];
                for (int i = 0; i < means[l].length; i++) {
                    means[l][i] = in.readFloat();
                }
                for (int i = 0; i < vars[l].length; i++) {
                    vars[l][i] = in.readFloat();
                }
            }
            return ClassBnStatistics.of(classes, channels, means, vars);
        }
    }
}
