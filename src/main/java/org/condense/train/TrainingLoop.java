package org.condense.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.condense.augment.BatchAugmentation;
import org.condense.augment.SampleAugmentation;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.random.Permutations;
import org.condense.random.Seeds;

/**
 * Trains a network under a {@link Recipe}: hard labels (cross-entropy, CutMix/Mixup targets
 * mixed) or soft labels (an online teacher labels the same augmented batch; KL at temperature T).
 *
 * <p>Each step runs in its own {@link NDManager} sub-manager and {@link NDScope} so that every
 * intermediate tensor is freed when the step ends; only parameters and optimiser state live
 * across steps.
 */
public final class TrainingLoop {
    private final Recipe recipe;
    private final long seed;
    private final ProgressListener progress;
    private StepObserver observer;
    private int tileFactor = 1;

    public TrainingLoop(Recipe recipe, long seed, ProgressListener progress) {
        this.recipe = recipe.validate();
        this.seed = seed;
        this.progress = progress;
    }

    /** Also hands every batch's logits to {@code observer} (e.g. a score recorder). */
    public TrainingLoop observedBy(StepObserver observer) {
        this.observer = observer;
        return this;
    }

    /** The training images are composites of f×f tiles (a compressed dataset's factor), for the patch augmentations. */
    public TrainingLoop onComposites(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor " + factor);
        }
        this.tileFactor = factor;
        return this;
    }

    /**
     * Trains {@code model} (already initialised in {@code manager}) on {@code train}.
     *
     * @param teacher soft-label teacher, required when the recipe uses soft labels
     * @param checkpoints where to save and resume from, or null
     * @return mean loss of the last epoch
     */
    public double fit(Block model, NDManager manager, ImageDataset train, Normalization normalization,
            Teacher teacher, Checkpoints checkpoints) {
        if (recipe.softLabels() && teacher == null) {
            throw new org.condense.UserException("protocol uses soft labels but no teacher was given; "
                    + "pass --teacher DIR (train one with `condense train`) or use a hard-label protocol");
        }
        List<Parameter> parameters = trainableParameters(model);
        Optimizer optimizer = Optimizers.create(recipe, manager);
        LearningRateSchedule schedule = LearningRateSchedule.create(recipe.schedule(), recipe.lr(), recipe.epochs());
        SampleAugmentation transform = Augmentations.sampleAugmentation(recipe.augment(), train.height(), tileFactor);
        BatchAugmentation mixer = Augmentations.batchAugmentation(recipe.augment());
        ParameterStore store = new ParameterStore(manager, false);

        int startEpoch = checkpoints == null ? 0 : checkpoints.resume(model, optimizer, manager);
        double lastLoss = Double.NaN;
        long started = System.nanoTime();
        for (int epoch = startEpoch; epoch < recipe.epochs(); epoch++) {
            double lr = schedule.lr(epoch);
            long epochStart = System.nanoTime();
            double lossSum = 0;
            long seen = 0;
            int[] order = Permutations.random(train.size(), Seeds.forEpochOrder(seed, epoch));
            try (BatchLoader batches = new BatchLoader(train, normalization, order, recipe.batchSize(),
                    transform, mixer, seed, epoch)) {
                while (batches.hasNext()) {
                    Batch batch = batches.next();
                    // the scope also frees results of ops whose receiver is a parameter (DJL attaches
                    // those to the model's manager, which would grow by megabytes per step)
                    try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
                        double loss = step(model, store, step, batch, teacher, optimizer, parameters, lr, epoch);
                        lossSum += loss * batch.size();
                        seen += batch.size();
                    }
                }
            }
            lastLoss = lossSum / Math.max(1, seen);
            if (!Double.isFinite(lastLoss)) {
                // a user can act on this (the protocol's learning rate), so one line, no stack trace
                throw new org.condense.UserException("training diverged in epoch " + (epoch + 1) + " of "
                        + recipe.epochs() + " (mean loss " + lastLoss + "); lower the learning rate (--lr)");
            }
            if (checkpoints != null) {
                checkpoints.save(epoch, model, optimizer);
            }
            double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
            double meanEpoch = (System.nanoTime() - started) / 1e9 / (epoch - startEpoch + 1);
            progress.epochDone(new ProgressListener.EpochStats(epoch, recipe.epochs(), lastLoss, lr,
                    seen / epochSeconds, meanEpoch * (recipe.epochs() - epoch - 1)));
        }
        return lastLoss;
    }

    private double step(Block model, ParameterStore store, NDManager step, Batch batch, Teacher teacher,
            Optimizer optimizer, List<Parameter> parameters, double lr, int epoch) {
        NDArray x = step.create(batch.images(), new Shape(batch.size(), batch.channels(), batch.height(), batch.width()));
        // the teacher runs before gradients are recorded: no graph is built through it
        NDArray teacherLogits = recipe.softLabels() ? teacher.logits(x) : null;
        NDArray loss;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logits = model.forward(store, new NDList(x), true).singletonOrThrow();
            if (recipe.softLabels()) {
                loss = Losses.distillationKl(logits, teacherLogits, recipe.temperature());
            } else {
                int k = batch.targets().length / batch.size();
                NDArray targets = step.create(batch.targets(), new Shape(batch.size(), k));
                loss = Losses.softTargetCrossEntropy(logits, targets);
            }
            collector.backward(loss);
            if (observer != null) {
                observer.observe(epoch, batch.indices(), batch.labels(), logits.toFloatArray());
            }
        }
        optimizer.step(parameters, lr, step);
        return loss.getFloat();
    }

    /** Parameters that receive gradients (batch-norm running statistics do not). */
    public static List<Parameter> trainableParameters(Block model) {
        List<Parameter> list = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getParameters()) {
            if (p.getValue().requiresGradient()) {
                list.add(p.getValue());
            }
        }
        return list;
    }
}
