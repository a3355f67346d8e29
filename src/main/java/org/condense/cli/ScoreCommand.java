package org.condense.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.condense.data.Datasets;
import org.condense.data.ImageDataset;
import org.condense.data.Split;
import org.condense.model.NetworkSpec;
import org.condense.score.ScoreCard;
import org.condense.score.ScoreFiles;
import org.condense.score.ScoreJob;
import org.condense.train.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.condense.io.OutputPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Train on a full training set and record per-sample EL2N, forgetting and AUM scores "
                + "(CSV + .npy + card.json, in dataset order) for `compress --method el2n|forgetting|aum|ccs`.")
final class ScoreCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ScoreCommand.class);

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "cifar10, fashion-mnist, mnist, or an ImageFolder path.")
    String dataset;

    @Option(names = "--model", defaultValue = "convnet", paramLabel = "NAME", description = "Scoring network: convnet, resnet18, resnet50, resnet101, mobilenetv2, efficientnetb0, swinv2t (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--width", defaultValue = "0", paramLabel = "W",
            description = "ConvNet width (channels per layer; default: the network's 128). A narrow proxy such as 32 scores much faster on CPU; at least 16.")
    int width;

    @Option(names = "--protocol", defaultValue = "score-sgd", paramLabel = "NAME", description = "Training recipe (default: ${DEFAULT-VALUE}); --epochs etc. override it.")
    String protocol;

    @Option(names = "--k", defaultValue = "10", paramLabel = "K", description = "EL2N sums the first K epochs (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--runs", defaultValue = "1", paramLabel = "R", description = "Independent runs (seeds S, S+1, …) whose scores are averaged (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the first run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--forgetting-unlearned", defaultValue = "seen", paramLabel = "seen|zero",
            description = "Forgetting of never-learned samples: 'seen' = their number of observations, above every learned sample (default); 'zero' = the CCS code's convention.")
    String unlearned;

    @Option(names = "--aum-probabilities", description = "AUM on softmax probabilities instead of logits.")
    boolean aumProbabilities;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Scores folder: scores.csv, el2n.npy, forgetting.npy, aum.npy, card.json, checkpoint/ (a rerun resumes).")
    Path out;

    @Mixin
    ProtocolOptions protocolOptions = new ProtocolOptions();

    @Mixin
    DataDirOption data = new DataDirOption();

    @Mixin
    DeviceOption device = new DeviceOption();

    @Override
    public Integer call() {
        device.select();
        if (!unlearned.equals("seen") && !unlearned.equals("zero")) {
            throw new org.condense.UserException("--forgetting-unlearned must be 'seen' or 'zero', got '" + unlearned + "'");
        }
        if (width < 0) {
            throw new org.condense.UserException("--width must be positive, got " + width);
        }
        if (width != 0 && !model.equalsIgnoreCase("convnet")) {
            throw new org.condense.UserException("--width applies to --model convnet only; drop it for " + model);
        }
        OutputPaths.requireWritableFolder(out, "--out");
        Protocol p = protocolOptions.load(protocol);
        ImageDataset train = Datasets.open(dataset, Split.TRAIN, data.options());
        NetworkSpec spec = NetworkSpec.of(model, train.channels(), train.height(), train.numClasses())
                .withWidthDepth(width, 0);
        ScoreCard card = new ScoreJob(LOG::info).run(new ScoreJob.Request(train, p, spec, k, runs, seed,
                unlearned.equals("zero"), aumProbabilities, out));
        String accuracy = card.finalTrainAccuracy().stream().map(a -> String.format("%.1f%%", 100 * a))
                .collect(java.util.stream.Collectors.joining(", "));
        System.out.printf("scored %d images of %s with %s, %d run(s), last-epoch train accuracy %s -> %s%n",
                card.datasetSize(), dataset, ScoreJob.describe(spec), card.runs(), accuracy, out.resolve(ScoreFiles.CSV));
        return 0;
    }
}
