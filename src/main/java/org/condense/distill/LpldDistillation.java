package org.condense.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.condense.compress.MethodOption;
import org.condense.compress.MethodOptions;
import org.condense.data.ImageDataset;
import org.condense.model.BatchNormTap;
import org.condense.train.Teacher;

/**
 * LPLD (Xiao &amp; He, "Are Large-scale Soft Labels Necessary for Large-scale Dataset
 * Distillation?", NeurIPS 2024), its image synthesis: SRe2L ({@link PixelDistillation}) with
 * class-wise batches and class-aware BN statistics, as the authors' {@code data_synthesis_class.py}.
 * A batch holds images of one class ({@code images_per_batch}, default all IPC images of the class,
 * as their ImageNet script's {@code --batch-size $ipc}), and its BN term pulls the batch statistics
 * towards that class's statistics, Σ_l m_l (‖μ_c − μ‖₂ + ‖σ²_c − σ²‖₂) ({@link ClassBnStatistics}:
 * one pass of the teacher over the training set, cached beside the teacher). Noise init; per step
 * RandomResizedCrop(0.08–1) + flip, then a circular shift by up to {@code jitter} px per axis
 * (their code's {@code torch.roll}; default 32 above 64 px, 4 at or below). Options: those of
 * SRe2L except {@code classes_per_batch}, plus {@code images_per_batch} and {@code jitter}. Its
 * label pruning is a matter of the soft labels, not of the images.
 */
public final class LpldDistillation extends PixelDistillation {
    static final int STATISTICS_BATCH = 128;

    public LpldDistillation() {
        this(null);
    }

    /** @param listener sees each step's losses and each saved batch (null: none) */
    public LpldDistillation(Listener listener) {
        super(listener);
    }

    @Override
    public String name() {
        return "lpld";
    }

    @Override
    public String description() {
        return "LPLD: SRe2L class by class, against class-aware batch-norm statistics";
    }

    @Override
    List<MethodOption> extraOptions() {
        return List.of(MethodOption.of("jitter", "largest circular shift per axis in px (default 4 up to 64 px, else 32)"));
    }

    @Override
    ScaleSchedule configure(MethodOptions options, Map<String, Object> parameters) {
        parameters.put("crop_scale", List.of(SCALE_MIN, 1.0));
        return (iteration, iterations) -> SCALE_MIN;
    }

    @Override
    List<MethodOption> layoutOptions() {
        return List.of(MethodOption.of("images_per_batch", "images of one class synthesised together (default IPC)"));
    }

    @Override
    List<SynthesisBatch> layout(MethodOptions options, int classes, int ipc, Map<String, Object> parameters) {
        int perBatch = options.integer("images_per_batch", ipc, 1, 1_000_000);
        parameters.put("images_per_batch", perBatch);
        parameters.put("batches", "class by class: images of one class per batch");
        return SynthesisBatch.withinClasses(classes, ipc, perBatch);
    }

    @Override
    Augmentation augmentation(MethodOptions options, int side, Map<String, Object> parameters) {
        int jitter = options.integer("jitter", defaultJitter(side), 0, side - 1);
        parameters.put("crop", "RandomResizedCrop(scale [0.08, 1], ratio 3/4–4/3, bilinear) + flip p=0.5, then a "
                + "circular shift by [0, jitter] px per axis, one per batch");
        parameters.put("jitter", jitter);
        return new Augmentation(true, jitter);
    }

    /** The authors' shift: 32 px at ImageNet's 224, 4 px at Tiny-ImageNet's 64 and below. */
    static int defaultJitter(int side) {
        return side <= 64 ? 4 : 32;
    }

    @Override
    StatisticsTarget statisticsTarget(MethodOptions options, ImageDataset data, DistillTeacher teacher, double firstBn,
            Map<String, Object> parameters) {
        String key = ClassBnStatisticsFile.key(teacher.weightsSha256(), data, teacher.normalization());
        Path file = ClassBnStatisticsFile.path(teacher.dir(), data, key);
        parameters.put("bn_statistics", "per class: mean and biased variance of each BN layer's input over the class's "
                + "training images, teacher in inference mode, no augmentation");
        parameters.put("class_bn_statistics_file", file.getFileName().toString());
        return new StatisticsTarget() {
            private ClassBnStatistics stats;

            @Override
            public void open(Teacher loaded, NDManager manager) {
                stats = ClassBnStatisticsFile.loadOrCompute(file, key,
                        () -> ClassBnStatistics.compute(data, loaded, teacher.normalization(), STATISTICS_BATCH, manager));
                if (stats.layers() != BatchNormTap.layers(loaded.block()).size() || stats.classes() != data.numClasses()) {
                    throw new IllegalStateException("class BN statistics in " + file + " do not fit the teacher");
                }
            }

            @Override
            public NDArray loss(List<BatchNormTap.Input> taps, SynthesisBatch batch, NDManager manager) {
                int c = batch.labels()[0];
                for (int label : batch.labels()) {
                    if (label != c) {
                        throw new IllegalStateException("an LPLD batch holds one class, got " + batch.description());
                    }
                }
                return stats.loss(taps.stream().map(BatchNormTap.Input::input).toList(), c, firstBn, manager);
            }
        };
    }
}
