package org.condense.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * Updates parameters in place from their gradients, PyTorch semantics.
 *
 * <p>Weight decay applies only to tensors with more than one dimension (conv and linear
 * weights), never to biases or normalisation affines: the convention of CDA/SRe2L training
 * code that the protocol follows.
 */
public interface Optimizer {

    /** One update of every parameter with learning rate {@code lr}; temporaries go to {@code scratch}. */
    void step(List<Parameter> parameters, double lr, NDManager scratch);

    /** The optimiser's state (moments, step count) for checkpoints. */
    NDList state();

    /** Restores the state written by {@link #state()}. */
    void loadState(NDList state);

    static boolean decays(Parameter p) {
        return p.getArray().getShape().dimension() > 1;
    }
}
