package org.condense.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.condense.train.Teacher;

/**
 * A change to the teacher's weights made before a batch is optimised (DWA's directed weight
 * adjustment). Adjustments accumulate over the batches of a group and {@link #restore} returns to
 * the weights the teacher was loaded with, bit for bit.
 */
interface TeacherAdjustment {
    /** Called once the teacher is loaded, before any adjustment: remembers its weights. */
    void open(Teacher teacher, NDManager manager);

    /**
     * Adjusts the teacher on the batch's first view ({@code view}: its initial images after the
     * first step's augmentation, no gradient) with one-hot {@code targets}.
     */
    void adjust(Teacher teacher, ParameterStore ps, NDArray view, NDArray targets, NDManager manager);

    /** Puts back the weights remembered by {@link #open}. */
    void restore();
}
