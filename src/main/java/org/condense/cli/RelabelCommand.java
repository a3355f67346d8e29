package org.condense.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.condense.train.Protocol;
import org.condense.compress.TrainingData;
import org.condense.io.OutputPaths;
import org.condense.labels.LabelHeader;
import org.condense.labels.LabelInputs;
import org.condense.labels.Relabel;
import org.condense.labels.LabelSelect;
import org.condense.labels.StoredLabels;
import org.condense.train.TeacherStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.condense.model.Devices;

@Command(name = "relabel", mixinStandardHelpOptions = true,
        description = "Store the soft labels an online teacher would give one seed's training run (every epoch's "
                + "batches, augmentation and teacher logits), so `condense evaluate --labels` trains with no teacher.")
final class RelabelCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RelabelCommand.class);

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Compressed dataset folder, or a dataset name to label all of it.")
    String data;

    @Option(names = "--teacher", required = true, paramLabel = "DIR", description = "Teacher folder from `condense train`.")
    Path teacher;

    @Option(names = "--protocol", defaultValue = "standard-soft", paramLabel = "NAME",
            description = "Soft-label protocol preset or YAML file (default: ${DEFAULT-VALUE}); its epochs, batch size "
                    + "and augmentation decide the records.")
    String protocol;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "Training seed whose batches are labelled (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--label-prune", defaultValue = "0", paramLabel = "R",
            description = "Store only the first (1 - R) of the batch records, as LPLD does (default: ${DEFAULT-VALUE}).")
    double labelPrune;

    @Option(names = "--label-select", defaultValue = "batch", paramLabel = "RULE",
            description = "With --label-prune: which records a run keeps, `batch` (the first (1 - R) of the batch "
                    + "records) or `epoch` (the first (1 - R) of the epochs, whole) (default: ${DEFAULT-VALUE}).")
    String labelSelect;

    @Option(names = "--fp32", description = "Store logits as float32 (exact replay of the online teacher) instead of float16.")
    boolean fp32;

    @Option(names = "--top-k", defaultValue = "0", paramLabel = "K",
            description = "Store only each sample's K largest logits with their classes, and one logit that gives the "
                    + "other classes an equal share of the remaining probability (FKD's top-k labels); 0: every "
                    + "class (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Label folder; rerunning the same command resumes an interrupted run.")
    Path out;

    @Mixin
    ProtocolOptions protocolOptions = new ProtocolOptions();

    @Mixin
    DataDirOption dataDir = new DataDirOption();

    @Mixin
    DeviceOption device = new DeviceOption();

    @Override
    public Integer call() {
        device.select();
        OutputPaths.requireWritableFolder(out, "--out");
        LabelSelect select = LabelSelect.parse(labelSelect);
        Protocol p = protocolOptions.load(protocol);
        TrainingData training = TrainingData.open(data, dataDir.options());
        LabelInputs.checkTeacher(teacher, training);
        Relabel.Request request = new Relabel.Request(training, LabelInputs.datasetSha256(data, training), p,
                LabelInputs.teacherSha256(teacher), seed, labelPrune, fp32, topK, out, select);
        LabelHeader header;
        try (NDManager manager = Devices.newManager()) {
            header = new Relabel(LOG::info).run(request,
                    TeacherStore.load(teacher, manager, training.train().classNames()), manager);
        }
        long bytes = StoredLabels.open(out).pruned(labelPrune, select).bytesUsed();
        System.out.printf("%d of %d batch records (%d epochs x %d batches), %d bytes -> %s%n", header.recordsStored(),
                header.recordsTotal(), header.epochs(), header.batchesPerEpoch(), bytes, out);
        return 0;
    }
}
