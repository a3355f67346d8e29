package org.condense.train;

import ai.djl.ndarray.NDArray;
import org.condense.model.ScalarOps;

/** The protocol's losses, batch-mean. */
public final class Losses {
    private Losses() {}

    /**
     * Cross-entropy against a target distribution per row: {@code −Σ_k t_k·log softmax(z)_k}.
     * One-hot targets give ordinary cross-entropy; CutMix/Mixup targets
     * {@code λ·onehot(y) + (1−λ)·onehot(y')} give {@code λ·CE(y) + (1−λ)·CE(y')}.
     */
    public static NDArray softTargetCrossEntropy(NDArray logits, NDArray targets) {
        return logits.logSoftmax(1).mul(targets).sum(new int[] {1}).neg().mean();
    }

    /**
     * Knowledge distillation loss of SRe2L/CDA: {@code KL(softmax(t/T) ‖ softmax(s/T))}
     * summed over classes and averaged over the batch (PyTorch {@code KLDivLoss(reduction='batchmean')}
     * on {@code log_softmax(s/T)} and {@code softmax(t/T)}), without the T² factor, as in their code.
     */
    public static NDArray distillationKl(NDArray studentLogits, NDArray teacherLogits, double temperature) {
        NDArray logStudent = ScalarOps.div(studentLogits, temperature).logSoftmax(1);
        NDArray logTeacher = ScalarOps.div(teacherLogits, temperature).logSoftmax(1);
        NDArray teacher = logTeacher.exp();
        return teacher.mul(logTeacher.sub(logStudent)).sum(new int[] {1}).mean();
    }

    /**
     * G-VBSM's evaluation loss ({@code mse_gt} in its training script):
     * {@code mean((s − t)²) + ceWeight · CE(s, label)}, the squared error averaged over batch and
     * classes (PyTorch {@code F.mse_loss}) between raw logits, without temperature.
     *
     * @param oneHot the one-hot class of each image, {@code B × K}
     */
    public static NDArray mseWithCrossEntropy(NDArray studentLogits, NDArray teacherLogits, NDArray oneHot,
            double ceWeight) {
        NDArray mse = studentLogits.sub(teacherLogits).square().mean();
        return mse.add(ScalarOps.mul(softTargetCrossEntropy(studentLogits, oneHot), ceWeight));
    }
}
