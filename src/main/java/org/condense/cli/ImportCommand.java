package org.condense.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.condense.compress.Compressor;
import org.condense.compress.FolderImport;
import org.condense.compress.Manifest;
import org.condense.data.ExternalData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Turn a plain image folder that another tool made (FOLDER/<class>/*.png|jpg|jpeg) into a "
                + "compressed dataset for the given test set.")
final class ImportCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "FOLDER",
            description = "Image folder: class folders named by class (case-insensitive) or numbered (00003, new003).")
    Path data;

    @Option(names = "--test", required = true, paramLabel = "NAME|PATH",
            description = "Test set whose classes, resolution and normalisation the images take: cifar10, "
                    + "fashion-mnist, mnist or an ImageFolder path.")
    String test;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder (created; must be new, empty, or hold the same import).")
    Path out;

    @Option(names = "--factor", defaultValue = "1", paramLabel = "F",
            description = "Each image is an F×F grid of tiles, as PCA or RDED composites (default: ${DEFAULT-VALUE}).")
    int factor;

    @Option(names = "--label", paramLabel = "NAME", description = "The data's name in tables (default: the folder's name).")
    String label;

    @Option(names = "--allow-missing-classes", description = "Import even if some classes have no folder.")
    boolean allowMissingClasses;

    @Mixin
    DataDirOption dataDir = new DataDirOption();

    @Override
    public Integer call() {
        ExternalData ext = ExternalData.open(data, test, factor, label, allowMissingClasses, dataDir.options());
        Compressor.Outcome outcome = FolderImport.run(ext, out);
        Manifest m = outcome.manifest();
        System.out.printf("%s import of %s: %d images (%s, IPC %d), %d bytes -> %s%n",
                outcome.reused() ? "kept existing" : "wrote", ext.label(), m.images().size(), test, m.ipc(),
                m.bytes().images(), out);
        return 0;
    }
}
