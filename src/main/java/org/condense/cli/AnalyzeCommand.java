package org.condense.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.condense.UserException;
import org.condense.analyze.AnalysisData;
import org.condense.analyze.AnalysisTable;
import org.condense.analyze.CropAnalysis;
import org.condense.analyze.EntropyAnalysis;
import org.condense.analyze.Observer;
import org.condense.analyze.ObserverAnalysis;
import org.condense.analyze.TeacherObserver;
import org.condense.analyze.TileAnalysis;
import org.condense.data.DataOptions;
import org.condense.data.Normalization;
import org.condense.data.Split;
import org.condense.train.TeacherCard;
import org.condense.train.TeacherStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.condense.io.OutputPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code condense analyze entropy|crops|tiles}: the paper's analyses of datasets under an observer network. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyses of datasets under a trained observer (a teacher from `condense train`); each writes one JSON table.",
        subcommands = {AnalyzeCommand.Entropy.class, AnalyzeCommand.Crops.class, AnalyzeCommand.Tiles.class})
final class AnalyzeCommand implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyzeCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name an analysis: entropy, crops or tiles");
    }

    /** Options every analysis shares. */
    static final class Common {
        @Option(names = "--data", required = true, paramLabel = "D",
                description = "A compressed dataset folder, or a dataset name/path (its training set, see --split); repeat for several.")
        List<String> data = new ArrayList<>();

        @Option(names = "--observer", required = true, paramLabel = "TEACHER_DIR",
                description = "Observer network: a folder written by `condense train` (model.params + card.json).")
        Path observer;

        @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "Where to write the table (atomically).")
        Path out;

        @Option(names = "--split", defaultValue = "train", paramLabel = "train|test",
                description = "Split of datasets given by name (default: ${DEFAULT-VALUE}); compressed folders have one.")
        String split;

        @Option(names = "--batch-size", defaultValue = "256", paramLabel = "B", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--max-images", defaultValue = "0", paramLabel = "N",
                description = "Analyse at most N evenly spaced images of each dataset (default: all).")
        int maxImages;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Folder holding datasets by name (default: $CONDENSE_DATA, then the well-known locations).")
        Path dataDir;

        /** Everything checked before any work: the observer's card, the data, and that they match. */
        Prepared prepare() {
            if (batchSize < 1) {
                throw new UserException("--batch-size must be positive, got " + batchSize);
            }
            OutputPaths.requireWritableFile(out, "--out");
            if (maxImages < 0) {
                throw new UserException("--max-images must be positive (or 0 for all), got " + maxImages);
            }
            Split s = switch (split.toLowerCase(Locale.ROOT)) {
                case "train" -> Split.TRAIN;
                case "test", "val" -> Split.TEST;
                default -> throw new UserException("--split must be train or test, got '" + split + "'");
            };
            TeacherCard card = TeacherStore.card(observer);
            if (card.mean() == null || card.std() == null || card.network() == null) {
                throw new UserException("observer card " + observer.resolve("card.json")
                        + " lacks the network or normalisation; retrain the observer with `condense train`");
            }
            // an ImageFolder is decoded at the observer's resolution and channels
            DataOptions options = DataOptions.defaults().withDataDir(dataDir).withImageSize(card.network().imageSize())
                    .withChannels(card.network().channels() == 1 ? 1 : 3);
            List<AnalysisData> datasets = new ArrayList<>();
            for (String d : data) {
                AnalysisData ad = AnalysisData.open(d, s, options);
                ad.checkObserver(observer, card);
                datasets.add(ad);
            }
            return new Prepared(card, new Normalization(card.mean(), card.std()), datasets);
        }

        Observer loadObserver(TeacherCard card) {
            return TeacherObserver.load(observer, card);
        }

        /**
         * Checks everything, runs the analysis {@code make} builds under the observer, writes its
         * table atomically to {@code --out} and prints one line per row.
         */
        <R> int execute(BiFunction<Observer, Prepared, ObserverAnalysis<R>> make,
                BiFunction<List<R>, Prepared, AnalysisTable> table, Function<R, String> line) throws IOException {
            Prepared p = prepare();
            List<R> rows;
            try (Observer o = loadObserver(p.card())) {
                rows = make.apply(o, p).run(p.datasets());
            }
            table.apply(rows, p).write(out);
            rows.forEach(r -> System.out.println(line.apply(r)));
            System.out.println("-> " + out);
            return 0;
        }
    }

    /** Random square crops: their area fractions, how many, and their seed ({@code crops} and {@code tiles}). */
    static final class CropOptions {
        @Option(names = "--scales", defaultValue = "0.08,0.25,0.5,1.0", split = ",", paramLabel = "R",
                description = "Crop area fractions in (0, 1]; 1 is the whole image or tile (default: ${DEFAULT-VALUE}).")
        double[] scales;

        @Option(names = "--crops", defaultValue = "5", paramLabel = "N",
                description = "Random crops per image (or tile) and scale (default: ${DEFAULT-VALUE}).")
        int crops;

        @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the crop positions (default: ${DEFAULT-VALUE}).")
        long seed;

        void check() {
            CropAnalysis.check(scales, crops);
        }
    }

    record Prepared(TeacherCard card, Normalization normalization, List<AnalysisData> datasets) {}

    /** The command line as typed, for the table's {@code command} field. */
    static String commandLine(CommandSpec spec) {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        StringBuilder sb = new StringBuilder("condense");
        for (String a : args) {
            sb.append(' ').append(a.isEmpty() || a.matches(".*[^A-Za-z0-9_./,:=@%+-].*") ? "'" + a.replace("'", "'\\''") + "'" : a);
        }
        return sb.toString();
    }

    @Command(name = "entropy", mixinStandardHelpOptions = true,
            description = "Mean predictive entropy (nats) of the observer's softmax on each dataset's whole, un-augmented images.")
    static final class Entropy implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common = new Common();

        @Override
        public Integer call() throws IOException {
            return common.execute(
                    (o, p) -> new EntropyAnalysis(o, p.normalization(), common.batchSize, common.maxImages, LOG::info),
                    (rows, p) -> EntropyAnalysis.table(rows, commandLine(spec), common.observer.toString(),
                            p.card().classes().size()),
                    r -> String.format("%s: %d images, entropy %.4f ± %.4f nats", r.dataset(), r.images(), r.meanEntropy(),
                            r.std()));
        }
    }

    @Command(name = "crops", mixinStandardHelpOptions = true,
            description = "Mean change of the observer's NLL and entropy when it sees random square crops of each scale "
                    + "(resized back to full size) instead of the whole image.")
    static final class Crops implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common = new Common();

        @Mixin
        CropOptions cropping = new CropOptions();

        @Override
        public Integer call() throws IOException {
            cropping.check();
            return common.execute(
                    (o, p) -> new CropAnalysis(o, p.normalization(), cropping.scales, cropping.crops, cropping.seed,
                            common.batchSize, common.maxImages, LOG::info),
                    (rows, p) -> CropAnalysis.table(rows, commandLine(spec), common.observer.toString()),
                    r -> String.format("%s, scale %s: ΔNLL %+.4f, Δentropy %+.4f", r.dataset(), r.scale(), r.deltaNll(),
                            r.deltaEntropy()));
        }
    }

    @Command(name = "tiles", mixinStandardHelpOptions = true,
            description = "The observer's top-1, NLL and entropy on every tile of each composite (f from the compressed "
                    + "dataset's manifest; 1 = the whole image), or on random square crops inside each tile, resized to full "
                    + "size: what patch extraction shows a student.")
    static final class Tiles implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common = new Common();

        @Mixin
        CropOptions cropping = new CropOptions();

        @Override
        public Integer call() throws IOException {
            cropping.check();
            return common.execute(
                    (o, p) -> new TileAnalysis(o, p.normalization(), cropping.scales, cropping.crops, cropping.seed,
                            common.batchSize, common.maxImages, LOG::info),
                    (rows, p) -> TileAnalysis.table(rows, commandLine(spec), common.observer.toString()),
                    r -> String.format("%s (f = %d, %d px tiles), crop scale %s: observer top-1 %.2f %%, NLL %.4f, "
                            + "entropy %.4f over %d views", r.dataset(), r.factor(), r.tileSide(), r.scale(), r.top1(), r.nll(),
                            r.entropy(), r.views()));
        }
    }
}
