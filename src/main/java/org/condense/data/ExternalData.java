package org.condense.data;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.condense.UserException;

/**
 * An {@link ExternalFolder} checked against the test set it is evaluated on, with what a
 * compressed dataset's manifest would hold: the source's normalisation and training-set size,
 * and the combine factor declared for its images.
 *
 * @param test the test set as the user named it (a dataset name or a path)
 * @param normalization the statistics of the test set's training split, as every stage uses them
 * @param sourceSize images in the test set's training split
 * @param factor each image is a factor×factor grid of tiles (1: plain images)
 * @param label short name of the data in file names and tables
 */
public record ExternalData(ExternalFolder folder, String test, Normalization normalization, int sourceSize, int factor,
        String label) {

    /** A label becomes part of a file name: no separators, not hidden. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_+=,-][A-Za-z0-9._+=,-]*");

    /**
     * @param label the name to record, or null for the folder's own name
     * @param allowMissing train without the classes that have no folder
     */
    public static ExternalData open(Path folder, String test, int factor, String label, boolean allowMissing,
            DataOptions options) {
        if (label != null && !LABEL.matcher(label).matches()) {
            throw new UserException("--label '" + label + "' must be letters, digits and . _ + = , - (not starting "
                    + "with a dot), as it becomes part of file names");
        }
        ImageDataset testSet = Datasets.open(test, Split.TEST, options);
        if (factor < 1 || factor > testSet.height()) {
            throw new UserException("--factor " + factor + " must be between 1 (plain images) and the test set's "
                    + testSet.height() + " px; it is the side of the grid each image is made of");
        }
        ExternalFolder scanned = ExternalFolder.scan(folder, test, testSet.classNames(), testSet.height(),
                testSet.channels(), allowMissing);
        // scanning first: a mismatched folder is refused before the training split is read
        ImageDataset source = Datasets.open(test, Split.TRAIN, options);
        return new ExternalData(scanned, test, Normalization.ofSource(source), source.size(), factor,
                label == null ? scanned.name() : label);
    }

    public ImageDataset dataset() {
        return folder.dataset();
    }
}
