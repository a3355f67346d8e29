package org.condense.cli;

import org.condense.UserException;
import org.condense.evaluate.EvaluationRunner.FolderSource;
import picocli.CommandLine.Option;

/** How to read a plain image folder that another tool made: the test set its classes belong to, and more. */
final class FolderOptions {
    @Option(names = "--test", paramLabel = "NAME|PATH",
            description = "Read --data as a plain image folder evaluated on this test set: cifar10, fashion-mnist, "
                    + "mnist or an ImageFolder path. Images are centre-cropped and resized to its resolution and "
                    + "normalised with its training split's statistics.")
    String test;

    @Option(names = "--factor", paramLabel = "F",
            description = "With --test: each image is an F×F grid of tiles, as PCA or RDED composites (default: 1).")
    Integer factor;

    @Option(names = "--label", paramLabel = "NAME", description = "With --test: the data's name in records and tables "
            + "(default: the folder's name).")
    String label;

    @Option(names = "--allow-missing-classes", description = "With --test: train even if some classes have no folder "
            + "(those classes then score 0).")
    boolean allowMissingClasses;

    /** The folder options, or null when --data is not a plain folder. */
    FolderSource source() {
        if (test == null) {
            if (factor != null || label != null || allowMissingClasses) {
                throw new UserException("--factor, --label and --allow-missing-classes apply to a plain image folder; "
                        + "add --test NAME to evaluate one (a compressed dataset's manifest holds them already)");
            }
            return null;
        }
        return new FolderSource(test, factor == null ? 1 : factor, label, allowMissingClasses);
    }
}
