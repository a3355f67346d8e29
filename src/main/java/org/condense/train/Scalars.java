package org.condense.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Scalar operands as the 0-d tensors DJL makes for {@code muli(Number)} and friends (a double
 * becomes a float64 tensor, an int an int32 one), made once and reused across parameters.
 */
final class Scalars {
    private final NDManager manager;

    Scalars(NDManager manager) {
        this.manager = manager;
    }

    /** The tensor {@code x.muli(value)} would multiply by: {@code manager.create(value)}. */
    NDArray of(double value) {
        return manager.create(value);
    }

    /** As {@link #of(double)} for an int (DJL keeps its type: int32). */
    NDArray of(int value) {
        return manager.create(value);
    }
}
