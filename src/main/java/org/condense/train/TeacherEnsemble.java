package org.condense.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * G-VBSM's ensemble soft labels: teachers of different architectures give logits of different
 * scales, so before averaging, each teacher's logits over the whole batch ({@code B × K}) are
 * divided by their Frobenius norm and multiplied by the mean of the teachers' norms. No teacher
 * then dominates the average by scale alone, and the average keeps the teachers' typical scale.
 * (The official ImageNet relabelling; its CIFAR-10 script leaves the rescaling commented out.)
 */
public final class TeacherEnsemble {
    private TeacherEnsemble() {}

    /** The ensemble target of the teachers' {@code B × K} logits of one batch. */
    public static NDArray rescaledMean(List<NDArray> logits) {
        if (logits.isEmpty()) {
            throw new IllegalArgumentException("no teacher logits");
        }
        if (logits.size() == 1) {
            return logits.get(0);
        }
        NDArray stacked = NDArrays.stack(new NDList(logits)); // T × B × K
        NDArray norms = stacked.square().sum(new int[] {1, 2}, true).sqrt(); // T × 1 × 1
        NDArray common = norms.mean();
        return stacked.div(norms).mul(common).mean(new int[] {0});
    }

    /** The logits of every teacher for the batch, combined; one teacher's logits unchanged. */
    public static NDArray logits(List<Teacher> teachers, NDArray x) {
        if (teachers.size() == 1) {
            return teachers.get(0).logits(x);
        }
        return rescaledMean(teachers.stream().map(t -> t.logits(x)).toList());
    }
}
