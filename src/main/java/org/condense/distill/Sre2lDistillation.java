package org.condense.distill;

import java.util.List;
import java.util.Map;
import org.condense.compress.MethodOption;
import org.condense.compress.MethodOptions;

/**
 * SRe2L (Yin, Xing, Shen, NeurIPS 2023), "recover": images synthesised from noise (or real
 * images, {@code init=real}) against a batch-norm teacher; see {@link PixelDistillation}. The crop
 * scale is [0.08, 1] throughout. Options: {@code iterations} (1000), {@code lr} (0.25),
 * {@code r_bn} (0.01), {@code first_bn_multiplier} (10), {@code init} (noise|real),
 * {@code classes_per_batch} (all classes, at most 100).
 */
public final class Sre2lDistillation extends PixelDistillation {

    public Sre2lDistillation() {
        this(null);
    }

    /** @param listener sees each step's losses and each saved batch (null: none) */
    public Sre2lDistillation(Listener listener) {
        super(listener);
    }

    @Override
    public String name() {
        return "sre2l";
    }

    @Override
    public String description() {
        return "SRe2L: images optimised from noise against a batch-norm teacher's statistics";
    }

    @Override
    List<MethodOption> extraOptions() {
        return List.of();
    }

    @Override
    ScaleSchedule configure(MethodOptions options, Map<String, Object> parameters) {
        parameters.put("crop_scale", java.util.List.of(SCALE_MIN, 1.0));
        return (iteration, iterations) -> SCALE_MIN;
    }
}
