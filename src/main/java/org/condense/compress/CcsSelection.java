package org.condense.compress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.condense.data.ImageDataset;
import org.condense.score.Scores;
import org.condense.select.Ccs;

/**
 * Coverage-centric coreset selection ({@link Ccs}): options {@code scores=FILE},
 * {@code mis_ratio} (default 0.3 at IPC ≤ 50, 0.2 above) and {@code score} (what the bins
 * stratify; default {@code aum}). The cut always uses AUM, so a CSV with both columns (or an
 * {@code aum.npy} when stratifying AUM) is needed.
 */
public final class CcsSelection implements CompressionMethod {

    @Override
    public String name() {
        return "ccs";
    }

    @Override
    public String description() {
        return "coverage-centric coreset selection: cut the hardest by AUM, then sample score bins";
    }

    @Override
    public MethodNeeds needs() {
        return MethodNeeds.scores(Scores.AUM, Scores.AUM);
    }

    @Override
    public List<MethodOption> options() {
        return List.of(MethodOption.of("mis_ratio", "fraction cut as hardest by AUM (default 0.3 at IPC <= 50, 0.2 above)"),
                MethodOption.of("score", "score the bins stratify: " + String.join(", ", Scores.NAMES) + " (default aum)"));
    }

    @Override
    public CompressionResult compress(CompressionRequest request) {
        MethodOptions options = MethodOptions.of(request, this);
        ScoreSource source = ScoreSource.of(options);
        double misRatio = options.number("mis_ratio", Ccs.defaultMisRatio(request.ipc()), 0, 0.99);
        String score = options.text("score", Scores.AUM);
        if (!Scores.NAMES.contains(score)) {
            throw new org.condense.UserException("option score of method ccs must be one of " + Scores.NAMES + ", got '"
                    + score + "'");
        }
        ImageDataset ds = request.source();
        ClassIndex.requireAtLeast(ds, ClassIndex.of(ds), request.ipc(), "ccs IPC " + request.ipc());
        double[] aum = source.read(Scores.AUM, ds);
        double[] strata = score.equals(Scores.AUM) ? aum : source.read(score, ds);
        Ccs.Result r = Ccs.select(aum, strata, SourceImages.labels(ds), ds.classNames(), misRatio, request.ipc(),
                request.seed());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("score", score);
        parameters.put("cut_score", Scores.AUM);
        parameters.put("mis_ratio", misRatio);
        parameters.put("pruned", r.pruned());
        parameters.put("bins", Ccs.BINS);
        parameters.put("bin_sizes", r.binSizes());
        parameters.put("bin_budgets", r.budgets());
        parameters.put("balanced", true);
        parameters.put("tie_break_seed", request.seed());
        return new CompressionResult(SourceImages.read(ds, r.indices()), parameters, 1);
    }
}
