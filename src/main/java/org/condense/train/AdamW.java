package org.condense.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/** AdamW (decoupled weight decay), exactly {@code torch.optim.AdamW}'s update. */
public final class AdamW implements Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final NDManager stateManager;
    private final List<NDArray> firstMoments = new ArrayList<>();
    private final List<NDArray> secondMoments = new ArrayList<>();
    private long steps;

    public AdamW(double beta1, double beta2, double eps, double weightDecay, NDManager stateManager) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.stateManager = stateManager;
    }

    @Override
    public void step(List<Parameter> parameters, double lr, NDManager scratch) {
        if (firstMoments.isEmpty()) {
            for (Parameter p : parameters) {
                firstMoments.add(stateArray(p.getArray().getShape()));
                secondMoments.add(stateArray(p.getArray().getShape()));
            }
        }
        steps++;
        double bias1 = 1 - Math.pow(beta1, steps);
        double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, steps));
        double stepSize = lr / bias1;
        // Each scalar once per step rather than once per use: DJL turns every scalar operand into
        // a fresh 0-d float64 tensor (a direct buffer and two native calls), which cost more than
        // the arithmetic on a small network. The tensors are the very ones DJL would make, so the
        // update is bit for bit the same.
        Scalars k = new Scalars(scratch);
        NDArray decay = k.of(1 - lr * weightDecay);
        NDArray b1 = k.of(beta1);
        NDArray oneMinusB1 = k.of(1 - beta1);
        NDArray b2 = k.of(beta2);
        NDArray oneMinusB2 = k.of(1 - beta2);
        NDArray bias2 = k.of(bias2Sqrt);
        NDArray epsilon = k.of(eps);
        NDArray size = k.of(stepSize);
        NDArray zero = k.of(0);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray w = parameters.get(i).getArray();
            NDArray g = w.getGradient();
            g.attach(scratch);
            if (weightDecay != 0 && Optimizer.decays(parameters.get(i))) {
                w.muli(decay);
            }
            NDArray m = firstMoments.get(i);
            NDArray v = secondMoments.get(i);
            m.muli(b1).addi(g.mul(oneMinusB1));
            v.muli(b2).addi(g.square().muli(oneMinusB2));
            // temporaries computed from state arrays would attach to the state's manager: move them to scratch
            NDArray denom = scratch(v.sqrt(), scratch).divi(bias2).addi(epsilon);
            w.subi(scratch(m.div(denom), scratch).muli(size));
            g.muli(zero);
        }
    }

    private NDArray stateArray(ai.djl.ndarray.types.Shape shape) {
        NDArray a = stateManager.zeros(shape);
        // optimiser state outlives the step's NDScope
        ai.djl.ndarray.NDScope.unregister(a);
        return a;
    }

    private NDArray kept(NDArray loaded) {
        NDArray copy = loaded.duplicate();
        copy.attach(stateManager);
        ai.djl.ndarray.NDScope.unregister(copy);
        return copy;
    }

    static NDArray scratch(NDArray a, NDManager scratch) {
        a.attach(scratch);
        return a;
    }

    @Override
    public NDList state() {
        NDList state = new NDList();
        state.add(stateManager.create(new long[] {steps}));
        state.addAll(firstMoments);
        state.addAll(secondMoments);
        return state;
    }

    @Override
    public void loadState(NDList state) {
        steps = state.get(0).toLongArray()[0];
        int n = (state.size() - 1) / 2;
        firstMoments.clear();
        secondMoments.clear();
        for (int i = 0; i < n; i++) {
            firstMoments.add(kept(state.get(1 + i)));
            secondMoments.add(kept(state.get(1 + n + i)));
        }
    }
}
