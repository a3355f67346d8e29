package org.condense.train;

import java.util.List;

/**
 * Soft labels read from storage instead of asked from an online teacher: which batches make up
 * an epoch (each replayed with its own epoch's augmentation) and the teacher logits of each.
 */
public interface SoftLabelSource {

    /** The batches of training epoch {@code epoch}, in order. */
    List<BatchLoader.Slice> epoch(int epoch);

    /** The stored logits of {@code slice}, row-major {@code rows × classes}. */
    float[] logits(BatchLoader.Slice slice);
}
