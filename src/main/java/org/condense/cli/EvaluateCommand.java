package org.condense.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.condense.evaluate.EvaluationRunner;
import org.condense.evaluate.OutFolderMigration;
import org.condense.labels.LabelSelect;
import org.condense.evaluate.ResultRecord;
import org.condense.evaluate.SummaryTable;
import org.condense.train.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Train a fresh network on a compressed dataset under a protocol, once per seed, and test it.")
final class EvaluateCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateCommand.class);

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Compressed dataset folder, a dataset name to train on all of it, or with --test a plain "
                    + "image folder another tool made (FOLDER/<class>/*.png|jpg|jpeg, classes by name or number).")
    String data;

    @Mixin
    FolderOptions folder = new FolderOptions();

    @Option(names = "--protocol", defaultValue = "standard-hard", paramLabel = "NAME",
            description = "Protocol preset or YAML file (default: ${DEFAULT-VALUE}); see `condense protocols`.")
    String protocol;

    @Option(names = "--model", defaultValue = "convnet", paramLabel = "NAME", description = "Network: convnet, resnet18, resnet50, resnet101, mobilenetv2, efficientnetb0, swinv2t (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--norm", paramLabel = "KIND", description = "Normalisation layers of the network: instance, batch, none (default: the network's own).")
    String norm;

    @Option(names = "--seeds", defaultValue = "0,1,2", split = ",", paramLabel = "S", description = "Training seeds (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--teacher", paramLabel = "DIR", split = ",",
            description = "Teacher folder from `condense train`, for soft-label protocols; an ensemble protocol "
                    + "(gvbsm-soft) takes several, comma-separated or the flag repeated.")
    List<Path> teachers = new ArrayList<>();

    @Option(names = "--labels", paramLabel = "DIR",
            description = "Soft labels stored by `condense relabel` (the folder, or one holding seed-S folders), used "
                    + "instead of an online teacher.")
    Path labels;

    @Option(names = "--label-prune", defaultValue = "0", paramLabel = "R",
            description = "With --labels: keep the first (1 - R) of the batch records and draw each epoch's batches "
                    + "from them at random (LPLD; default: ${DEFAULT-VALUE}).")
    double labelPrune;

    @Option(names = "--label-select", defaultValue = "batch", paramLabel = "RULE",
            description = "With --label-prune: `batch` draws each epoch's batches from the first (1 - R) of the batch "
                    + "records; `epoch` replays, each epoch, one of the first (1 - R) of the epochs drawn at random "
                    + "(LPLD's two granularities; default: ${DEFAULT-VALUE}).")
    String labelSelect;

    @Option(names = "--out", defaultValue = "results", paramLabel = "DIR", description = "Folder of result records, one JSON file per run (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--checkpoint-seconds", defaultValue = "60", paramLabel = "S",
            description = "Save a run's checkpoint in --out at most every S seconds, so a killed run resumes there (default: ${DEFAULT-VALUE}; 0: after every epoch).")
    double checkpointSeconds;

    @Option(names = "--migrate", description = "Bring --out, made before runs were named by content, up to date for "
            + "the runs of this command (give the rest of it as it was run): each seed's record is rewritten under "
            + "today's key (its teacher path becomes the SHA-256 of the weights) and a checkpoint of a run in progress "
            + "is renamed to it, so the run resumes. Atomic and idempotent; trains nothing.")
    boolean migrate;

    @Mixin
    ProtocolOptions protocolOptions = new ProtocolOptions();

    @Mixin
    DataDirOption dataDir = new DataDirOption();

    @Mixin
    DeviceOption device = new DeviceOption();

    @Override
    public Integer call() {
        device.select();
        Protocol p = protocolOptions.load(protocol);
        EvaluationRunner.Request request = new EvaluationRunner.Request(data, p, model, norm, seeds,
                teachers.isEmpty() ? null : teachers.get(0), out, dataDir.options(), folder.source(), labels, labelPrune,
                teachers.isEmpty() ? List.of() : teachers.subList(1, teachers.size()), LabelSelect.parse(labelSelect));
        if (migrate) {
            EvaluationRunner runner = new EvaluationRunner(LOG::info);
            System.out.println(new OutFolderMigration(runner.plan(request), out, seeds).run().line(out));
            return 0;
        }
        List<ResultRecord> records = new EvaluationRunner(LOG::info).checkpointEvery(checkpointSeconds).run(request);
        System.out.print(SummaryTable.render(records));
        return 0;
    }
}
