package org.condense.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.condense.compress.Compressor;
import org.condense.data.DatasetInstaller;
import org.condense.data.Datasets;
import org.condense.data.ImageDataset;
import org.condense.data.Split;
import org.condense.evaluate.EvaluationRunner;
import org.condense.evaluate.Protocol;
import org.condense.evaluate.ResultRecord;
import org.condense.evaluate.SummaryTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The main job on the embedded default data: Fashion-MNIST, Random IPC 10, standard-hard, a table. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Get Fashion-MNIST if missing, compress it with Random at IPC 10 for each seed, evaluate under "
                + "standard-hard with convnet, and print the table.")
final class QuickstartCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(QuickstartCommand.class);
    static final String DATASET = "fashion-mnist";

    @Option(names = "--ipc", defaultValue = "10", description = "Images per class (default: ${DEFAULT-VALUE}).")
    int ipc;

    @Option(names = "--seeds", defaultValue = "0,1,2", split = ",", description = "Seeds: one subset and one training run each (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--protocol", defaultValue = "standard-hard", description = "Protocol (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--work-dir", defaultValue = "runs/quickstart", description = "Where compressed datasets and results go (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Mixin
    ProtocolOptions protocolOptions = new ProtocolOptions();

    @Mixin
    DataDirOption data = new DataDirOption();

    @Override
    public Integer call() {
        DatasetInstaller.ensureFashionMnist(data.options(), LOG::info);
        ImageDataset train = Datasets.open(DATASET, Split.TRAIN, data.options());
        Protocol p = protocolOptions.load(protocol);
        EvaluationRunner runner = new EvaluationRunner(LOG::info);
        List<ResultRecord> records = new ArrayList<>();
        for (long seed : seeds) {
            Path subset = workDir.resolve(String.format("%s-random-ipc%d-seed%d", DATASET, ipc, seed));
            Compressor.run(train, DATASET, "random", ipc, seed, Map.of(), subset);
            records.addAll(runner.run(new EvaluationRunner.Request(subset.toString(), p, "convnet", null,
                    List.of(seed), null, workDir.resolve("results"), data.options())));
        }
        System.out.print(SummaryTable.render(records));
        return 0;
    }
}
