package org.condense.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.condense.ToyDataset;
import org.condense.data.ImageDataset;
import org.condense.model.BatchNormTap;
import org.condense.model.NetworkSpec;
import org.condense.model.Networks;
import org.junit.jupiter.api.Test;

class BnStatisticsLossTest {

    /**
     * Layer 1 (first, ×10): input N=2, C=2, H=1, W=2.
     * Channel 0 holds 1, 3 | 5, 7: mean 4, biased variance (9+1+1+9)/4 = 5.
     * Channel 1 holds 2, 2 | 2, 2: mean 2, variance 0.
     * Running mean (1, 6): ‖(4−1, 2−6)‖₂ = ‖(3, −4)‖₂ = 5. Running var (2, 0): ‖(5−2, 0)‖₂ = 3.
     * Term 8, ×10 = 80.
     * Layer 2: input N=1, C=1, 2×2 of ones: mean 1, variance 0; running mean 1, running var 1:
     * ‖0‖ + ‖−1‖ = 1. Total 81.
     */
    @Test
    void handComputedCase() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray in1 = m.create(new float[] {1, 3, 2, 2, 5, 7, 2, 2}, new Shape(2, 2, 1, 2));
            NDArray in2 = m.ones(new Shape(1, 1, 2, 2));
            assertEquals(8f, BnStatisticsLoss.term(in1, m.create(new float[] {1, 6}), m.create(new float[] {2, 0}))
                    .getFloat(), 1e-6f);
            NDArray total = BnStatisticsLoss.of(List.of(in1, in2),
                    List.of(m.create(new float[] {1, 6}), m.create(new float[] {1})),
                    List.of(m.create(new float[] {2, 0}), m.create(new float[] {1})), 10);
            assertEquals(81f, total.getFloat(), 1e-5f);
        }
    }

    /**
     * DWA's re-weighted variance term, on the case above with r_var = 11: layer 1 is
     * ‖μ − μ_run‖ + 11·‖σ² − σ²_run‖ = 5 + 11·3 = 38, ×10 = 380; layer 2 is 0 + 11·1 = 11. Total 391.
     */
    @Test
    void varianceWeightHandComputed() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray in1 = m.create(new float[] {1, 3, 2, 2, 5, 7, 2, 2}, new Shape(2, 2, 1, 2));
            NDArray in2 = m.ones(new Shape(1, 1, 2, 2));
            assertEquals(38f, BnStatisticsLoss.term(in1, m.create(new float[] {1, 6}), m.create(new float[] {2, 0}), 11)
                    .getFloat(), 1e-5f);
            NDArray total = BnStatisticsLoss.of(List.of(in1, in2),
                    List.of(m.create(new float[] {1, 6}), m.create(new float[] {1})),
                    List.of(m.create(new float[] {2, 0}), m.create(new float[] {1})), 10, 11);
            assertEquals(391f, total.getFloat(), 1e-4f);
        }
    }

    /** The tapped forward gives the network's own logits and one input per batch-norm layer, in order. */
    @Test
    void tapSeesEveryBatchNormInputAndChangesNothing() {
        ImageDataset ds = ToyDataset.balanced(3, 2, 3, 16);
        NetworkSpec spec = DistillFixtures.spec(ds, "batch");
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Networks.create(spec);
            Networks.initialize(block, m, spec, 1);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(4, 3, 16, 16));
            float[] plain = block.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            List<BatchNormTap.Input> taps = new ArrayList<>();
            float[] tapped = BatchNormTap.forward(block, ps, x, false, taps).toFloatArray();
            assertArrayEquals(plain, tapped);
            assertEquals(BatchNormTap.layers(block), taps.stream().map(BatchNormTap.Input::layer).toList());
            assertEquals(2, taps.size());
            assertEquals(new Shape(4, 16, 16, 16), taps.get(0).input().getShape());
            assertEquals(new Shape(4, 16, 8, 8), taps.get(1).input().getShape());
            // running statistics of a fresh layer: mean 0, variance 1
            assertArrayEquals(new float[16], taps.get(0).runningMean().toFloatArray());
        }
    }

    /** A ResNet's residual units are walked too (a CIFAR-stem ResNet-18 has 20 batch-norm layers). */
    @Test
    void tapWalksResidualUnits() {
        NetworkSpec spec = NetworkSpec.of("resnet18", 3, 8, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Networks.create(spec);
            Networks.initialize(block, m, spec, 1);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 3, 8, 8));
            float[] plain = block.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            List<BatchNormTap.Input> taps = new ArrayList<>();
            assertArrayEquals(plain, BatchNormTap.forward(block, ps, x, false, taps).toFloatArray());
            assertEquals(20, taps.size());
            assertEquals(BatchNormTap.layers(block), taps.stream().map(BatchNormTap.Input::layer).toList());
        }
    }
}
