package org.condense.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.random.RandomGenerator;
import org.condense.model.BatchNormTap;
import org.condense.model.ScalarOps;
import org.condense.model.StatisticsTap;

/**
 * G-VBSM's statistics loss for one forward pass of one teacher: over its tapped layers in forward
 * order (conv and batch norm interleaved, as the authors' hook list), the sum of
 * <ul>
 *   <li>batch norm: {@code ‖σ²_run − σ̄²‖₂ + ‖μ_run − μ̄‖₂}, the layer's running statistics against
 *       the {@link SyntheticEma} of the batch's;</li>
 *   <li>convolution: the same for channel mean and variance and for patch mean and variance
 *       ({@link ConvStatistics}), against the {@link TrainingStatistics} of the training set; each
 *       conv term is skipped with probability {@code dropRate} (their β_dr), skipped layers leave
 *       their average untouched;</li>
 * </ul>
 * the first layer's term multiplied by {@code firstMultiplier}.
 */
final class StatisticsMatch {
    private StatisticsMatch() {}

    static NDArray of(List<StatisticsTap.Input> taps, TrainingStatistics real, SyntheticEma ema, int teacher,
            int patch, double dropRate, double firstMultiplier, RandomGenerator rng, NDManager manager) {
        NDArray total = manager.zeros(new Shape());
        int conv = 0;
        for (int i = 0; i < taps.size(); i++) {
            StatisticsTap.Input tap = taps.get(i);
            NDArray term;
            if (tap.isConvolution()) {
                float[][] target = real.layers().get(conv++);
                // one draw per conv layer and step, as the hook's random.random() > 1 − drop_rate
                if (rng.nextDouble() > 1 - dropRate) {
                    continue;
                }
                NDArray[] now = ema.track(teacher, i, ConvStatistics.of(tap.input(), patch, manager).all(), manager);
                term = null;
                for (int k = 0; k < 4; k++) {
                    NDArray d = distance(manager.create(target[k], new Shape(target[k].length)), now[k]);
                    term = term == null ? d : term.add(d);
                }
            } else {
                BatchNormTap.Input bn = tap.batchNorm();
                NDArray[] now = ema.track(teacher, i, batchMoments(tap.input()), manager);
                term = distance(bn.runningMean(), now[0]).add(distance(bn.runningVar(), now[1]));
            }
            total = total.add(i == 0 ? ScalarOps.mul(term, firstMultiplier) : term);
        }
        return total;
    }

    /** Per-channel mean and biased variance over (N, H, W) of an NCHW batch. */
    static NDArray[] batchMoments(NDArray x) {
        long c = x.getShape().get(1);
        NDArray flat = x.transpose(1, 0, 2, 3).reshape(c, -1);
        NDArray mean = flat.mean(new int[] {1});
        NDArray var = flat.sub(mean.reshape(c, 1)).square().mean(new int[] {1});
        return new NDArray[] {mean, var};
    }

    private static NDArray distance(NDArray a, NDArray b) {
        return a.sub(b).square().sum().sqrt();
    }

    /** The number of conv layers a tapped forward saw (to check stored statistics against the network). */
    static long convolutions(List<StatisticsTap.Input> taps) {
        return taps.stream().filter(StatisticsTap.Input::isConvolution).count();
    }
}
