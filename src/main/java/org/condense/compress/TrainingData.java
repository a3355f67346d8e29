package org.condense.compress;

import java.nio.file.Files;
import java.nio.file.Path;
import org.condense.data.DataOptions;
import org.condense.data.Datasets;
import org.condense.data.ImageDataset;
import org.condense.data.InMemoryDataset;
import org.condense.data.Normalization;
import org.condense.data.Split;

/**
 * The training side of a run: a compressed dataset folder, or a full dataset by name, with the
 * source's normalisation and what identifies the data in result keys.
 *
 * @param label short name for file names and tables
 * @param factor each training image is a composite of factor×factor tiles (1: plain images)
 * @param identity what determines the data (the manifest key, or the dataset name)
 */
public record TrainingData(ImageDataset train, String label, String sourceDataset, String method, String variant, int ipc,
        long dataSeed, int factor, Normalization normalization, long bytesImages, long bytesLabels, Object identity) {
    /**
     * Compressed datasets up to this size are decoded once and kept in memory for the epochs: 1 GB,
     * or a quarter of the maximum heap if smaller (the launcher leaves the heap at the JVM's default).
     */
    private static final long CACHE_LIMIT_BYTES = Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 4);

    public static TrainingData open(String data, DataOptions options) {
        Path path = Path.of(data);
        if (Files.isDirectory(path) && CompressedDataset.isCompressedDataset(path)) {
            CompressedDataset ds = CompressedDataset.open(path).requireImages();
            Manifest m = ds.manifest();
            String label = path.toAbsolutePath().normalize().getFileName().toString();
            ImageDataset train = cached(ds);
            return new TrainingData(train, label, m.sourceDataset(), m.method(), m.variant(), m.ipc(), m.seed(), m.factor(), ds.normalization(),
                    m.bytes().images(), m.bytes().labels(), m.key());
        }
        ImageDataset full = Datasets.open(data, Split.TRAIN, options);
        Normalization norm = Normalization.ofSource(full);
        return new TrainingData(full, data, data, "full", "full", 0, 0, 1, norm, 0, 0, "full:" + data);
    }

    /** Decoded once and kept in memory if small enough for that, else read from disk every epoch. */
    public static ImageDataset cached(ImageDataset ds) {
        return ds.size() * (long) ds.imageBytes() <= CACHE_LIMIT_BYTES ? InMemoryDataset.copyOf(ds) : ds;
    }
}
