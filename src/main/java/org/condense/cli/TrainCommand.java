package org.condense.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.condense.Version;
import org.condense.data.Datasets;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.data.Split;
import org.condense.evaluate.Accuracy;
import org.condense.evaluate.Evaluator;
import org.condense.compress.TrainingData;
import org.condense.io.Hashing;
import org.condense.model.NetworkSpec;
import org.condense.model.Networks;
import org.condense.train.Checkpoints;
import org.condense.train.Protocol;
import org.condense.train.TeacherCard;
import org.condense.train.TeacherStore;
import org.condense.train.TrainingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.condense.io.OutputPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.condense.model.Devices;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a network on a full dataset (a teacher / observer) and save its weights and card.")
final class TrainCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

    @Option(names = "--dataset", required = true, paramLabel = "NAME",
            description = "cifar10, fashion-mnist, mnist, an ImageFolder path, or a compressed dataset folder.")
    String dataset;

    @Option(names = "--model", defaultValue = "resnet18", paramLabel = "NAME", description = "Network: convnet, resnet18, resnet50, resnet101, mobilenetv2, efficientnetb0, swinv2t (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--width", defaultValue = "0", paramLabel = "W",
            description = "ConvNet: channels per layer (default 128); ResNet: channels of the stem and first stage, doubled "
                    + "at each stage (default torchvision's 64); swinv2t: the embedding width, a multiple of 3 (default 96). "
                    + "At least 16. A narrow network trains and runs faster on CPU.")
    int width;

    @Option(names = "--depth", defaultValue = "0", paramLabel = "D",
            description = "ConvNet depth: conv-norm-ReLU-pool levels (default 3).")
    int depth;

    @Option(names = "--norm", paramLabel = "KIND", description = "Normalisation layers: instance, batch, none (default: the network's own).")
    String norm;

    @Option(names = "--protocol", defaultValue = "teacher-sgd", paramLabel = "NAME", description = "Training recipe (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Teacher folder: model.params, card.json, checkpoint/ (a rerun resumes).")
    Path out;

    @Mixin
    ProtocolOptions protocolOptions = new ProtocolOptions();

    @Mixin
    DataDirOption data = new DataDirOption();

    @Mixin
    DeviceOption device = new DeviceOption();

    @Override
    public Integer call() throws Exception {
        device.select();
        OutputPaths.requireWritableFolder(out, "--out");
        Protocol p = protocolOptions.load(protocol);
        TrainingData trainingData = TrainingData.open(dataset, data.options());
        ImageDataset train = trainingData.train();
        ImageDataset test = Datasets.open(trainingData.sourceDataset(), Split.TEST, data.options());
        NetworkSpec spec = NetworkSpec.of(model, train.channels(), train.height(), train.numClasses());
        if (norm != null) {
            spec = spec.withNorm(norm);
        }
        if (depth != 0 && !spec.name().equals("convnet")) {
            throw new org.condense.UserException("--depth applies to --model convnet only; drop it for " + model);
        }
        if (width != 0 || depth != 0) {
            if (width != 0 && !spec.name().equals("convnet") && !spec.name().startsWith("resnet")
                    && !spec.name().equals("swinv2t")) {
                throw new org.condense.UserException("--width applies to --model convnet, the resnets and swinv2t; drop it for "
                        + model);
            }
            if (width != 0 && width < org.condense.score.ScoreJob.MIN_CONVNET_WIDTH) {
                throw new org.condense.UserException("--width " + width + " is too narrow: libtorch 2.7.1's oneDNN gives "
                        + "nondeterministic or NaN gradients for convnets narrower than "
                        + org.condense.score.ScoreJob.MIN_CONVNET_WIDTH + " on this CPU build; use --width "
                        + org.condense.score.ScoreJob.MIN_CONVNET_WIDTH + " or more");
            }
            if (depth < 0) {
                throw new org.condense.UserException("--depth must be positive, got " + depth);
            }
            spec = spec.withWidthDepth(width, depth);
        }
        Normalization normalization = trainingData.normalization();
        var identity = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        identity.putPOJO("data", trainingData.identity());
        identity.set("protocol", p.resolved());
        identity.putPOJO("network", spec);
        identity.put("seed", seed);
        String runKey = Hashing.sha256(identity);
        LOG.info("training {} on {} ({} images) under {} for {} epochs -> {}", spec.name(), dataset, train.size(),
                p.name(), p.recipe().epochs(), out);
        long start = System.nanoTime();
        try (NDManager manager = Devices.newManager()) {
            Block block = Networks.create(spec);
            Networks.initialize(block, manager, spec, seed);
            Checkpoints checkpoints = new Checkpoints(out.resolve("checkpoint"), runKey);
            new TrainingLoop(p.recipe(), seed, stats -> LOG.info(stats.line())).onComposites(trainingData.factor())
                    .fit(block, manager, train, normalization, null, checkpoints);
            Accuracy acc = Evaluator.evaluate(block, manager, test, normalization, p.recipe().evalBatchSize());
            // with a resume, the card counts the earlier processes' training too
            double wall = (System.nanoTime() - start) / 1e9 + checkpoints.priorSeconds();
            TeacherStore.save(out, block, new TeacherCard(trainingData.sourceDataset(), train.classNames(), spec, p.name(),
                    p.recipe().epochs(), seed, acc.top1(), acc.top5(), normalization.mean(), normalization.std(), wall,
                    Version.get()));
            System.out.printf("%s on %s: test top-1 %.2f%%, top-5 %.2f%% -> %s%n", spec.name(), dataset, acc.top1(),
                    acc.top5(), out);
        }
        return 0;
    }
}
