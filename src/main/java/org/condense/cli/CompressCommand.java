package org.condense.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.condense.compress.CompressionMethod;
import org.condense.compress.Compressor;
import org.condense.compress.MethodOptions;
import org.condense.data.Datasets;
import org.condense.data.ImageDataset;
import org.condense.data.Split;
import org.condense.methods.CompressionMethods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "compress", mixinStandardHelpOptions = true,
        description = "Compress a training set to IPC images per class and write a compressed dataset folder.")
final class CompressCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "cifar10, fashion-mnist, mnist, or an ImageFolder path.")
    String dataset;

    @Option(names = "--method", required = true, paramLabel = "NAME",
            description = "Compression method; the methods and their options are listed below.")
    String method;

    @Option(names = "--ipc", required = true, paramLabel = "N", description = "Images per class.")
    int ipc;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created; must be new, empty, or hold the same result).")
    Path out;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "Method-specific option (listed below), e.g. mis_ratio=0.2 or score=forgetting for ccs.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--scores", paramLabel = "FILE",
            description = "Scores for a method that ranks by them: a folder or scores.csv from `condense score`, a <score>.npy, "
                    + "or another tool's CSV/.npy in dataset order (same as --option scores=FILE).")
    Path scores;

    @Option(names = "--teacher", paramLabel = "DIR", split = ",",
            description = "Teacher folder from `condense train` for a method that needs one (same as --option teacher=DIR); "
                    + "some need one with batch norm, some take several: repeat the flag or separate folders with "
                    + "commas (see below).")
    List<Path> teachers = new ArrayList<>();

    @Option(names = "--hard", description = "Keep the hard end of the ranking instead of the easy end (--option hard=true).")
    boolean hard;

    @Option(names = "--unbalanced", description = "Keep IPC × classes images over the whole dataset instead of exactly IPC "
            + "per class (--option balanced=false).")
    boolean unbalanced;

    @Mixin
    DataDirOption data = new DataDirOption();

    /** Called by picocli when it builds the command: the method list comes from the registry. */
    @Spec
    void spec(CommandSpec spec) {
        spec.usageMessage().footer(MethodHelp.lines(spec.usageMessage().width()).stream().map(l -> l.replace("%", "%%")).toArray(String[]::new));
    }

    @Mixin
    DeviceOption device = new DeviceOption();

    @Override
    public Integer call() {
        device.select();
        // an unknown method or option fails before the data is read
        CompressionMethod m = CompressionMethods.get(method);
        Map<String, String> options = allOptions();
        MethodOptions.check(m, options);
        ImageDataset source = Datasets.open(dataset, Split.TRAIN, data.options());
        Compressor.Outcome outcome = Compressor.run(source, dataset, m, ipc, seed, options, out);
        System.out.printf("%s %s: %d images (%s, IPC %d, seed %d), %d bytes -> %s%n",
                outcome.reused() ? "kept existing" : "wrote", method, outcome.manifest().images().size(), dataset, ipc,
                seed, outcome.manifest().bytes().images(), out);
        return 0;
    }

    /** The flags as method options, so that they are part of the manifest's identity. */
    private Map<String, String> allOptions() {
        Map<String, String> all = new LinkedHashMap<>(options);
        if (scores != null) {
            all.put("scores", scores.toAbsolutePath().normalize().toString());
        }
        if (!teachers.isEmpty()) {
            all.put("teacher", String.join(",", teachers.stream().map(t -> t.toAbsolutePath().normalize().toString())
                    .toList()));
        }
        if (hard) {
            all.put("hard", "true");
        }
        if (unbalanced) {
            all.put("balanced", "false");
        }
        return all;
    }
}
