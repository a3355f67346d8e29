package org.condense.compress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.condense.UserException;
import org.condense.data.ImageDataset;
import org.condense.score.Scores;
import org.condense.select.RankedSelection;

/**
 * Pruning by one training-dynamics score ({@code el2n}, {@code forgetting}, {@code aum}): the easy
 * end by default (the rule for small budgets), {@code hard=true} for the hard end; exactly IPC
 * per class by default, {@code balanced=false} for IPC × classes over the whole dataset.
 */
public final class ScoreSelection implements CompressionMethod {
    private final String score;

    public ScoreSelection(String score) {
        if (!Scores.NAMES.contains(score)) {
            throw new IllegalArgumentException("unknown score " + score);
        }
        this.score = score;
    }

    @Override
    public String name() {
        return score;
    }

    @Override
    public String description() {
        return "keep the " + score + "-easiest images (pruning)";
    }

    @Override
    public MethodNeeds needs() {
        return MethodNeeds.scores(score, score);
    }

    @Override
    public List<MethodOption> options() {
        return List.of(MethodOption.of("hard", "true: keep the hard end of the ranking (default false: the easy end)"),
                MethodOption.of("balanced", "false: IPC × classes images over the whole set (default true: IPC per class)"));
    }

    @Override
    public CompressionResult compress(CompressionRequest request) {
        MethodOptions options = MethodOptions.of(request, this);
        ScoreSource source = ScoreSource.of(options);
        boolean hard = options.flag("hard", false);
        boolean balanced = options.flag("balanced", true);
        ImageDataset ds = request.source();
        if (balanced) {
            ClassIndex.requireAtLeast(ds, ClassIndex.of(ds), request.ipc(), score + " IPC " + request.ipc());
        } else if (request.ipc() < 1 || (long) request.ipc() * ds.numClasses() > ds.size()) {
            throw new UserException("--ipc " + request.ipc() + " asks for " + (long) request.ipc() * ds.numClasses()
                    + " images but " + ds.name() + " has " + ds.size() + "; choose a smaller positive --ipc");
        }
        double[] values = source.read(score, ds);
        boolean highIsEasy = Scores.higherIsEasier(score);
        int[] chosen = RankedSelection.select(values, SourceImages.labels(ds), ds.numClasses(), highIsEasy, hard,
                balanced, request.ipc(), request.seed());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("score", score);
        parameters.put("end", hard ? "hard" : "easy");
        parameters.put("easy_is", highIsEasy ? "high" : "low");
        parameters.put("balanced", balanced);
        parameters.put("tie_break_seed", request.seed());
        List<CompressedImage> images = SourceImages.read(ds, chosen);
        return new CompressionResult(images, parameters, 1);
    }
}
