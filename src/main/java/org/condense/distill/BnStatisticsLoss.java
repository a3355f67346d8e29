package org.condense.distill;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.condense.model.BatchNormTap;
import org.condense.model.ScalarOps;

/**
 * SRe2L's BN-statistics regulariser (its {@code BNFeatureHook.r_feature}): for each batch-norm
 * layer, the batch mean μ and biased variance σ² of the layer's input over (N, H, W) per channel,
 * compared with the layer's running statistics, {@code ‖μ − μ_run‖₂ + ‖σ² − σ²_run‖₂}; the sum
 * over layers with the first layer's term multiplied by {@code firstMultiplier} (10 in SRe2L/CDA).
 * DWA weights the variance distance by {@code r_var} ({@code ‖μ − μ_run‖₂ + r_var·‖σ² − σ²_run‖₂});
 * LPLD passes per-class statistics in place of the running ones.
 */
public final class BnStatisticsLoss {
    private BnStatisticsLoss() {}

    /** The weighted sum over the tapped layers, a scalar. */
    public static NDArray of(List<BatchNormTap.Input> layers, double firstMultiplier) {
        return of(layers.stream().map(BatchNormTap.Input::input).toList(),
                layers.stream().map(BatchNormTap.Input::runningMean).toList(),
                layers.stream().map(BatchNormTap.Input::runningVar).toList(), firstMultiplier);
    }

    /** The weighted sum over layers given by their inputs and running statistics, a scalar. */
    public static NDArray of(List<NDArray> inputs, List<NDArray> runningMeans, List<NDArray> runningVars,
            double firstMultiplier) {
        return of(inputs, runningMeans, runningVars, firstMultiplier, 1);
    }

    /** As {@link #of(List, List, List, double)} with the variance distance weighted by {@code varWeight}. */
    public static NDArray of(List<NDArray> inputs, List<NDArray> runningMeans, List<NDArray> runningVars,
            double firstMultiplier, double varWeight) {
        if (inputs.isEmpty() || inputs.size() != runningMeans.size() || inputs.size() != runningVars.size()) {
            throw new IllegalArgumentException("need the same positive number of inputs and running statistics, got "
                    + inputs.size() + ", " + runningMeans.size() + ", " + runningVars.size());
        }
        NDArray total = null;
        for (int i = 0; i < inputs.size(); i++) {
            NDArray term = term(inputs.get(i), runningMeans.get(i), runningVars.get(i), varWeight);
            if (i == 0) {
                term = ScalarOps.mul(term, firstMultiplier); // in term's type: a double would promote a 0-d result to float64
            }
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    /** {@code ‖μ − runningMean‖₂ + ‖σ² − runningVar‖₂} for one NCHW input. */
    public static NDArray term(NDArray input, NDArray runningMean, NDArray runningVar) {
        return term(input, runningMean, runningVar, 1);
    }

    /** {@code ‖μ − runningMean‖₂ + varWeight·‖σ² − runningVar‖₂} for one NCHW input. */
    public static NDArray term(NDArray input, NDArray runningMean, NDArray runningVar, double varWeight) {
        if (input.getShape().dimension() != 4) {
            throw new IllegalArgumentException("batch-norm input must be NCHW, got " + input.getShape());
        }
        long channels = input.getShape().get(1);
        // as SRe2L's hook: per channel over (N, H, W), i.e. rows of the (C, N·H·W) view
        NDArray flat = input.transpose(1, 0, 2, 3).reshape(channels, -1);
        NDArray mean = flat.mean(new int[] {1});
        NDArray var = flat.sub(mean.reshape(channels, 1)).square().mean(new int[] {1});
        NDArray meanDistance = mean.sub(runningMean).square().sum().sqrt();
        NDArray varDistance = var.sub(runningVar).square().sum().sqrt();
        if (varWeight != 1) { // SRe2L's graph stays exactly as it was
            varDistance = ScalarOps.mul(varDistance, varWeight);
        }
        return meanDistance.add(varDistance);
    }
}
