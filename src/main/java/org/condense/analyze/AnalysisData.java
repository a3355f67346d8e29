package org.condense.analyze;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.condense.UserException;
import org.condense.compress.CompressedDataset;
import org.condense.data.DataOptions;
import org.condense.data.Datasets;
import org.condense.data.ImageDataset;
import org.condense.data.Split;
import org.condense.model.NetworkSpec;
import org.condense.train.TeacherCard;

/**
 * One {@code --data} value of an analysis: a compressed dataset folder, or a dataset by name or
 * path (its training set, or {@code --split test}), with the label its table row carries and its
 * combine factor f (each stored image an f×f grid of source images; 1 for plain data).
 */
public record AnalysisData(String label, ImageDataset images, int factor) {
    public AnalysisData {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1, got " + factor);
        }
    }

    /** Plain images (factor 1). */
    public AnalysisData(String label, ImageDataset images) {
        this(label, images, 1);
    }

    public static AnalysisData open(String value, Split split, DataOptions options) {
        Path path = Path.of(value);
        if (Files.isDirectory(path) && CompressedDataset.isCompressedDataset(path)) {
            String name = path.toAbsolutePath().normalize().getFileName().toString();
            CompressedDataset compressed = CompressedDataset.open(path).requireImages();
            return new AnalysisData(name, compressed, compressed.manifest().factor());
        }
        ImageDataset ds = Datasets.open(value, split, options);
        return new AnalysisData(value + " (" + split.name().toLowerCase(Locale.ROOT) + ")", ds);
    }

    /**
     * Refuses data the observer was not trained for: other classes (or another order), another
     * number of channels or another image size.
     */
    public void checkObserver(Path observerDir, TeacherCard card) {
        if (!card.classes().equals(images.classNames())) {
            throw new UserException("observer " + observerDir + " was trained on " + card.dataset() + " with classes "
                    + card.classes() + ", but " + label + " has classes " + images.classNames()
                    + "; use an observer trained on the same source dataset");
        }
        NetworkSpec spec = card.network();
        if (spec.channels() != images.channels() || spec.imageSize() != images.height()
                || spec.imageSize() != images.width()) {
            throw new UserException("observer " + observerDir + " was trained on " + card.dataset() + " at "
                    + spec.channels() + "×" + spec.imageSize() + "×" + spec.imageSize() + ", but " + label + " has images of "
                    + images.channels() + "×" + images.height() + "×" + images.width()
                    + "; use an observer trained at the data's resolution");
        }
    }

    /** Up to {@code max} evenly spaced indices (all when {@code max <= 0} or the dataset is smaller). */
    public int[] indices(int max) {
        int size = images.size();
        int n = max > 0 ? Math.min(max, size) : size;
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = (int) ((long) k * size / n);
        }
        return order;
    }
}
