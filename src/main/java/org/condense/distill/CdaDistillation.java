package org.condense.distill;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.condense.UserException;
import org.condense.compress.MethodOption;
import org.condense.compress.MethodOptions;

/**
 * CDA (Yin &amp; Shen, "Dataset Distillation via Curriculum Data Synthesis in Large Data Era",
 * TMLR 2024): SRe2L ({@link PixelDistillation}) with a curriculum on the RandomResizedCrop scale,
 * easy (whole image) to hard. The schedule is the one of the authors' code
 * ({@code recover_cda_*.py}, {@code --easy2hard-mode cosine --milestone 1} in their README's
 * commands): the scale range is [s_min(t), 1] with, for t &lt; milestone·T,
 * <pre>
 *   cosine: s_min = 0.08 + (1 − 0.08)·(1 + cos(π·t / (milestone·T))) / 2   (1 → 0.08)
 *   linear: s_min = 0.08 + (1 − 0.08)·(1 − t / (milestone·T))
 *   step:   s_min = 1
 * </pre>
 * and s_min = 0.08 from milestone·T on. Options: those of SRe2L plus {@code curriculum}
 * (cosine|linear|step, default cosine) and {@code milestone} (in [0, 1], default 1).
 */
public final class CdaDistillation extends PixelDistillation {
    public CdaDistillation() {
        this(null);
    }

    /** @param listener sees each step's losses and each saved batch (null: none) */
    public CdaDistillation(Listener listener) {
        super(listener);
    }

    @Override
    public String name() {
        return "cda";
    }

    @Override
    public String description() {
        return "CDA: SRe2L with an easy-to-hard curriculum on the crop scale";
    }

    @Override
    List<MethodOption> extraOptions() {
        return List.of(MethodOption.of("curriculum", "cosine, linear or step: how the crop scale shrinks (default cosine)"),
                MethodOption.of("milestone", "fraction of the steps the curriculum takes, in [0, 1] (default 1)"));
    }

    @Override
    ScaleSchedule configure(MethodOptions options, Map<String, Object> parameters) {
        String curriculum = options.text("curriculum", "cosine");
        if (!Set.of("cosine", "linear", "step").contains(curriculum)) {
            throw new UserException("option curriculum of method cda must be cosine, linear or step, got '"
                    + curriculum + "'");
        }
        double milestone = options.number("milestone", 1.0, 0, 1);
        parameters.put("curriculum", curriculum);
        parameters.put("milestone", milestone);
        parameters.put("crop_scale", "[s_min(t), 1], s_min from 1 to 0.08 by the curriculum until milestone·T, then 0.08");
        return (iteration, iterations) -> minScale(curriculum, milestone, iteration, iterations);
    }

    static double minScale(String curriculum, double milestone, int iteration, int iterations) {
        double end = milestone * iterations;
        if (iteration >= end) {
            return SCALE_MIN;
        }
        return switch (curriculum) {
            case "step" -> 1.0;
            case "linear" -> SCALE_MIN + (1 - SCALE_MIN) * (1 - iteration / end);
            default -> SCALE_MIN + (1 - SCALE_MIN) * (1 + Math.cos(Math.PI * iteration / end)) / 2;
        };
    }
}
