package org.condense.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/** SGD with momentum and coupled weight decay, exactly {@code torch.optim.SGD}'s update. */
public final class Sgd implements Optimizer {
    private final double momentum;
    private final double weightDecay;
    private final boolean nesterov;
    private final NDManager stateManager;
    private final List<NDArray> buffers = new ArrayList<>();

    public Sgd(double momentum, double weightDecay, boolean nesterov, NDManager stateManager) {
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.stateManager = stateManager;
    }

    @Override
    public void step(List<Parameter> parameters, double lr, NDManager scratch) {
        boolean first = buffers.isEmpty();
        // scalars once per step, as in AdamW: the same tensors DJL would make per use, so the same bits
        Scalars k = new Scalars(scratch);
        NDArray decay = k.of(weightDecay);
        NDArray mu = k.of(momentum);
        NDArray rate = k.of(lr);
        NDArray zero = k.of(0);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray w = parameters.get(i).getArray();
            NDArray g = w.getGradient();
            g.attach(scratch);
            NDArray d = g;
            if (weightDecay != 0 && Optimizer.decays(parameters.get(i))) {
                d = g.add(AdamW.scratch(w.mul(decay), scratch));
            }
            if (momentum != 0) {
                NDArray buf;
                if (first) {
                    // torch initialises the buffer with the first gradient, not zeros
                    buf = d.duplicate();
                    buf.attach(stateManager);
                    ai.djl.ndarray.NDScope.unregister(buf);
                    buffers.add(buf);
                } else {
                    buf = buffers.get(i);
                    buf.muli(mu).addi(d);
                }
                d = nesterov ? d.add(AdamW.scratch(buf.mul(mu), scratch)) : buf;
            }
            w.subi(AdamW.scratch(d.mul(rate), scratch));
            g.muli(zero);
        }
    }

    @Override
    public NDList state() {
        return new NDList(buffers);
    }

    @Override
    public void loadState(NDList state) {
        buffers.clear();
        for (NDArray a : state) {
            NDArray copy = a.duplicate();
            copy.attach(stateManager);
            ai.djl.ndarray.NDScope.unregister(copy);
            buffers.add(copy);
        }
    }
}
