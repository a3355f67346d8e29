package org.condense.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.condense.compress.Compressor;
import org.condense.data.Datasets;
import org.condense.data.ImageDataset;
import org.condense.data.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "compress", mixinStandardHelpOptions = true,
        description = "Compress a training set to IPC images per class and write a compressed dataset folder.")
final class CompressCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "cifar10, fashion-mnist, mnist, or an ImageFolder path.")
    String dataset;

    @Option(names = "--method", required = true, paramLabel = "NAME", description = "Compression method: random.")
    String method;

    @Option(names = "--ipc", required = true, paramLabel = "N", description = "Images per class.")
    int ipc;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created; must be new, empty, or hold the same result).")
    Path out;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "Method-specific option.")
    Map<String, String> options = new LinkedHashMap<>();

    @Mixin
    DataDirOption data = new DataDirOption();

    @Override
    public Integer call() {
        ImageDataset source = Datasets.open(dataset, Split.TRAIN, data.options());
        Compressor.Outcome outcome = Compressor.run(source, dataset, method, ipc, seed, options, out);
        System.out.printf("%s %s: %d images (%s, IPC %d, seed %d), %d bytes -> %s%n",
                outcome.reused() ? "kept existing" : "wrote", method, outcome.manifest().images().size(), dataset, ipc,
                seed, outcome.manifest().bytes().images(), out);
        return 0;
    }
}
