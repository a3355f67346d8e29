package org.condense.distill;

import java.util.List;
import java.util.Map;
import org.condense.compress.MethodOption;
import org.condense.compress.MethodOptions;
import org.condense.data.ImageDataset;
import org.condense.model.BatchNormTap;

/**
 * DWA (Du et al., "Diversity-Driven Synthesis: Enhancing Dataset Distillation through Directed
 * Weight Adjustment", NeurIPS 2024), as the authors' {@code distillation_cifar.py} /
 * {@code distillation_imgnet.py}: SRe2L ({@link PixelDistillation}) from real images (one per class
 * per batch, for one IPC index), where before a batch is optimised the teacher's weights take
 * {@code steps} normalised gradient-ascent steps of total length {@code rho} on the cross-entropy of
 * the batch's first view ({@link DirectedWeightAdjustment}). The adjusted teacher serves the batch;
 * later batches of the same IPC index adjust it further (their code keeps one teacher per IPC
 * index) and each IPC index starts from the trained weights. The BN term weights the variance
 * distance: Σ_l m_l (‖μ − μ_run‖₂ + r_var·‖σ² − σ²_run‖₂).
 *
 * <p>Defaults follow their scripts by image size: at 64 px or below (CIFAR, Tiny-ImageNet)
 * {@code steps} 12, {@code rho} 0.015, {@code r_var} 11, {@code jitter} 4; above (ImageNet) 15,
 * 0.015, 2, 32. Their CIFAR code only shifts (no crop, no flip), their Tiny-ImageNet and ImageNet
 * code crops and flips first: {@code crop} defaults to true above 32 px. Options: those of SRe2L
 * (init defaults to real) plus {@code steps}, {@code rho}, {@code r_var}, {@code jitter}, {@code crop}.
 */
public final class DwaDistillation extends PixelDistillation {

    public DwaDistillation() {
        this(null);
    }

    /** @param listener sees each step's losses and each saved batch (null: none) */
    public DwaDistillation(Listener listener) {
        super(listener);
    }

    @Override
    public String name() {
        return "dwa";
    }

    @Override
    public String description() {
        return "DWA: SRe2L from real images with the teacher's weights perturbed by gradient ascent";
    }

    @Override
    List<MethodOption> extraOptions() {
        return List.of(MethodOption.of("steps", "gradient-ascent steps on the teacher's weights (default 12 up to 64 px, else 15)"),
                MethodOption.of("rho", "total length of the weight perturbation (default 0.015)"),
                MethodOption.of("r_var", "weight of the BN variance distance (default 11 up to 64 px, else 2)"),
                MethodOption.of("jitter", "largest circular shift per axis in px (default 4 up to 64 px, else 32)"),
                MethodOption.of("crop", "true: random-resized crop and flip before the shift (default: above 32 px)"));
    }

    @Override
    String defaultInit() {
        return "real";
    }

    @Override
    ScaleSchedule configure(MethodOptions options, Map<String, Object> parameters) {
        return (iteration, iterations) -> SCALE_MIN;
    }

    @Override
    Augmentation augmentation(MethodOptions options, int side, Map<String, Object> parameters) {
        boolean crop = options.flag("crop", side > 32);
        int jitter = options.integer("jitter", side <= 64 ? 4 : 32, 0, side - 1);
        parameters.put("crop", crop
                ? "RandomResizedCrop(scale [0.08, 1], ratio 3/4–4/3, bilinear) + flip p=0.5, then a circular shift by "
                        + "[0, jitter] px per axis, one per batch"
                : "a circular shift by [0, jitter] px per axis, one per batch (no crop, no flip)");
        parameters.put("jitter", jitter);
        return new Augmentation(crop, jitter);
    }

    @Override
    StatisticsTarget statisticsTarget(MethodOptions options, ImageDataset data, DistillTeacher teacher, double firstBn,
            Map<String, Object> parameters) {
        double rVar = options.number("r_var", data.height() <= 64 ? 11 : 2, 0, 1e6);
        parameters.put("r_var", rVar);
        parameters.put("bn_statistics", "running statistics, variance distance ×r_var");
        return (taps, batch, manager) -> BnStatisticsLoss.of(taps.stream().map(BatchNormTap.Input::input).toList(),
                taps.stream().map(BatchNormTap.Input::runningMean).toList(),
                taps.stream().map(BatchNormTap.Input::runningVar).toList(), firstBn, rVar);
    }

    @Override
    TeacherAdjustment teacherAdjustment(MethodOptions options, int side, Map<String, Object> parameters) {
        int steps = options.integer("steps", side <= 64 ? 12 : 15, 1, 10_000);
        double rho = options.number("rho", 0.015, 0, 1e3);
        parameters.put("steps", steps);
        parameters.put("rho", rho);
        parameters.put("weight_adjustment", "before each batch: steps × θ += (rho/steps)·g/(‖g‖+1e-12), g = ∇θ CE of "
                + "the batch's first view, ‖·‖ over all trainable weights; kept for the IPC index, then restored");
        return new DirectedWeightAdjustment(steps, rho);
    }
}
