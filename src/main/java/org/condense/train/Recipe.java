package org.condense.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.condense.UserException;

/**
 * Everything that defines how a network is trained: optimiser, schedule, batch, label mode and
 * augmentations. Protocol presets (YAML) deserialise into this record; every field can be
 * overridden from the command line.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Recipe(
        int epochs,
        int batchSize,
        String optimizer,
        double lr,
        double weightDecay,
        double momentum,
        boolean nesterov,
        double[] betas,
        double eps,
        String schedule,
        String labels,
        double temperature,
        Augment augment,
        int evalBatchSize,
        SoftLoss softLoss,
        String ensemble) {

    /**
     * How a student learns from soft labels, when not the default KL at {@code temperature}.
     *
     * @param type {@code kl} (the default) or {@code mse-ce}: G-VBSM's mean squared error between
     *     student and teacher logits plus {@code ceWeight} times the cross-entropy on each image's
     *     own class (the class of the image the batch slot holds, not CutMix's mixed target, as
     *     its official training script does)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SoftLoss(String type, double ceWeight) {}

    public static final String SOFT_LOSS_KL = "kl";
    public static final String SOFT_LOSS_MSE_CE = "mse-ce";
    /**
     * Several teachers label a batch together: each teacher's logits over the batch are scaled to
     * the teachers' mean Frobenius norm, then averaged (G-VBSM's relabelling).
     */
    public static final String ENSEMBLE_RESCALED_MEAN = "rescaled-mean";

    /** The soft-label loss: {@link #SOFT_LOSS_KL} unless the protocol names another. */
    public String softLossType() {
        return softLoss == null || softLoss.type() == null ? SOFT_LOSS_KL : softLoss.type();
    }

    /** Whether several teachers may label batches together (their logits combined by {@link #ensemble}). */
    public boolean takesSeveralTeachers() {
        return ensemble != null;
    }

    /**
     * Per-sample and per-batch augmentations.
     *
     * @param patch how composites of f×f tiles (the compressed dataset's factor) are read:
     *     {@code extract} (PCA: one tile, cropped within), {@code shuffle} (RDED: tiles permuted,
     *     then the crop with scale 1/f–1), or {@code none}/absent (the composite as one image)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Augment(Crop crop, double flip, CutMix cutmix, Mixup mixup, Cutout cutout, String patch) {
        public String patchMode() {
            return patch == null ? PATCH_NONE : patch;
        }
    }

    public static final String PATCH_NONE = "none";
    public static final String PATCH_EXTRACT = "extract";
    public static final String PATCH_SHUFFLE = "shuffle";

    /** {@code random-resized} (scale, ratio), {@code padded} (padding then random crop) or {@code none}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Crop(String type, double[] scale, double[] ratio, int padding) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CutMix(double prob, double beta) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Mixup(double prob, double alpha, boolean mixLabels) {}

    /** Cutout of a square whose side is {@code size} times the image side. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Cutout(double prob, double size) {}

    public boolean softLabels() {
        return "soft".equals(labels);
    }

    /** Checks ranges and names; throws a one-line {@link UserException} naming the bad field. */
    public Recipe validate() {
        require(epochs > 0, "epochs must be positive, got " + epochs);
        require(batchSize > 0, "batch_size must be positive, got " + batchSize);
        require(evalBatchSize > 0, "eval_batch_size must be positive, got " + evalBatchSize);
        require(lr > 0, "lr must be positive, got " + lr);
        require(weightDecay >= 0, "weight_decay must be >= 0, got " + weightDecay);
        require("adamw".equals(optimizer) || "sgd".equals(optimizer),
                "unknown optimizer '" + optimizer + "'; choose one of: adamw, sgd");
        require("hard".equals(labels) || "soft".equals(labels),
                "unknown labels '" + labels + "'; choose one of: hard, soft");
        require(betas != null && betas.length == 2, "betas must be a list of two numbers");
        require(!softLabels() || temperature > 0, "temperature must be positive, got " + temperature);
        LearningRateSchedule.create(schedule, lr, epochs);
        require(augment != null && augment.crop() != null, "augment.crop is required");
        Crop crop = augment.crop();
        switch (crop.type()) {
            case "random-resized":
                require(crop.scale() != null && crop.scale().length == 2
                                && 0 < crop.scale()[0] && crop.scale()[0] <= crop.scale()[1] && crop.scale()[1] <= 1,
                        "augment.crop.scale must be [min, max] with 0 < min <= max <= 1");
                require(crop.ratio() != null && crop.ratio().length == 2
                                && 0 < crop.ratio()[0] && crop.ratio()[0] <= crop.ratio()[1],
                        "augment.crop.ratio must be [min, max] with 0 < min <= max");
                break;
            case "padded":
                require(crop.padding() >= 0, "augment.crop.padding must be >= 0");
                break;
            case "none":
                break;
            default:
                throw new UserException("unknown augment.crop.type '" + crop.type()
                        + "'; choose one of: random-resized, padded, none");
        }
        switch (augment.patchMode()) {
            case PATCH_NONE:
                break;
            case PATCH_EXTRACT:
                require(!crop.type().equals("padded"), "augment.patch extract crops within a tile: use crop type "
                        + "random-resized or none, not padded");
                break;
            case PATCH_SHUFFLE:
                require(crop.type().equals("random-resized"), "augment.patch shuffle is followed by a random-resized "
                        + "crop (scale 1/f-1): set augment.crop.type to random-resized");
                break;
            default:
                throw new UserException("invalid protocol: unknown augment.patch '" + augment.patch()
                        + "'; choose one of: extract, shuffle, none");
        }
        require(softLoss == null || softLabels(), "soft_loss applies to soft labels only; set labels: soft or drop "
                + "soft_loss");
        if (softLoss != null) {
            require(SOFT_LOSS_KL.equals(softLossType()) || SOFT_LOSS_MSE_CE.equals(softLossType()),
                    "unknown soft_loss.type '" + softLoss.type() + "'; choose one of: kl, mse-ce");
            require(softLoss.ceWeight() >= 0, "soft_loss.ce_weight must be >= 0, got " + softLoss.ceWeight());
        }
        require(ensemble == null || softLabels(), "ensemble combines teachers' soft labels; set labels: soft or drop "
                + "ensemble");
        require(ensemble == null || ENSEMBLE_RESCALED_MEAN.equals(ensemble),
                "unknown ensemble '" + ensemble + "'; choose: rescaled-mean");
        requireProb(augment.flip(), "augment.flip");
        if (augment.cutmix() != null) {
            requireProb(augment.cutmix().prob(), "augment.cutmix.prob");
            require(augment.cutmix().prob() == 0 || augment.cutmix().beta() > 0, "augment.cutmix.beta must be positive");
        }
        if (augment.mixup() != null) {
            requireProb(augment.mixup().prob(), "augment.mixup.prob");
            require(augment.mixup().prob() == 0 || augment.mixup().alpha() > 0, "augment.mixup.alpha must be positive");
        }
        if (augment.cutout() != null) {
            requireProb(augment.cutout().prob(), "augment.cutout.prob");
            require(augment.cutout().size() > 0 && augment.cutout().size() <= 1, "augment.cutout.size must be in (0, 1]");
        }
        return this;
    }

    private static void requireProb(double p, String field) {
        require(p >= 0 && p <= 1, field + " must be a probability in [0, 1], got " + p);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new UserException("invalid protocol: " + message);
        }
    }
}
