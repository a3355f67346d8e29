package org.condense.distill;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.condense.model.BatchNormTap;
import org.condense.train.Losses;
import org.condense.train.Teacher;

/**
 * DWA's directed weight adjustment (Du et al., NeurIPS 2024; {@code perterb.py} of the authors'
 * code): {@code steps} times, the teacher (inference mode) classifies the batch's first view, and
 * every trainable weight moves along the cross-entropy's gradient,
 * {@code θ ← θ + (ρ/K)·g/(‖g‖ + 1e-12)}, with ‖g‖ the L2 norm over all trainable weights together
 * (BN running statistics are buffers there and stay). Each step moves the weights by ρ/K; the
 * total displacement is at most ρ (exactly ρ when the gradients keep their direction).
 */
final class DirectedWeightAdjustment implements TeacherAdjustment {
    private final int steps;
    private final double rho;
    private final List<Double> stepNorms = new ArrayList<>();
    private List<Parameter> weights;
    private List<NDArray> original;

    DirectedWeightAdjustment(int steps, double rho) {
        this.steps = steps;
        this.rho = rho;
    }

    @Override
    public void open(Teacher teacher, NDManager manager) {
        weights = new ArrayList<>();
        original = new ArrayList<>();
        for (Pair<String, Parameter> p : teacher.block().getParameters()) {
            Parameter parameter = p.getValue();
            if (isWeight(parameter)) {
                weights.add(parameter);
                original.add(parameter.getArray().duplicate());
            }
        }
        for (NDArray copy : original) {
            copy.attach(manager);
        }
    }

    /** A trainable weight: any parameter but BN running statistics (buffers in PyTorch; the teacher is frozen here). */
    static boolean isWeight(Parameter p) {
        return p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR;
    }

    @Override
    public void adjust(Teacher teacher, ParameterStore ps, NDArray view, NDArray targets, NDManager manager) {
        float scaleNumerator = (float) (rho / steps);
        for (int k = 0; k < steps; k++) {
            try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
                for (Parameter w : weights) {
                    w.getArray().setRequiresGradient(true);
                }
                List<NDArray> grads = new ArrayList<>();
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = BatchNormTap.forward(teacher.block(), ps, view, false, new ArrayList<>());
                    collector.backward(Losses.softTargetCrossEntropy(logits, targets));
                }
                NDArray squares = null;
                for (Parameter w : weights) {
                    NDArray g = w.getArray().getGradient();
                    NDArray copy = g.duplicate();
                    copy.attach(step);
                    g.subi(g); // gradients accumulate in libtorch: the next step starts from zero
                    g.close();
                    grads.add(copy);
                    NDArray s = copy.square().sum();
                    squares = squares == null ? s : squares.add(s);
                }
                float norm = squares.sqrt().getFloat();
                float scale = scaleNumerator / (norm + 1e-12f);
                double moved = 0;
                for (int i = 0; i < weights.size(); i++) {
                    NDArray w = weights.get(i).getArray();
                    w.setRequiresGradient(false);
                    NDArray e = grads.get(i).mul(scale);
                    moved += e.square().sum().getFloat();
                    w.addi(e);
                }
                stepNorms.add(Math.sqrt(moved));
            }
        }
    }

    @Override
    public void restore() {
        for (int i = 0; i < weights.size(); i++) {
            weights.get(i).getArray().set(original.get(i).toByteBuffer());
        }
    }

    /** The L2 norm of each step's change so far (tests). */
    List<Double> stepNorms() {
        return stepNorms;
    }

    /** The trainable weights in order (tests). */
    List<Parameter> weights() {
        return weights;
    }
}
