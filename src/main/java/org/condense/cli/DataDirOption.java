package org.condense.cli;

import java.nio.file.Path;
import org.condense.data.DataOptions;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where datasets are looked up before the well-known locations. */
final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder holding datasets by name (default: $CONDENSE_DATA, then ../shared/datasets, /usr/share/datasets, ~/.condense/datasets).")
    Path dataDir;

    @Option(names = "--image-size", paramLabel = "R", defaultValue = "224",
            description = "Side of the square images of an ImageFolder dataset after centre crop and resize (default: ${DEFAULT-VALUE}).")
    int imageSize;

    DataOptions options() {
        return DataOptions.defaults().withDataDir(dataDir).withImageSize(imageSize);
    }
}
