package org.condense.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.condense.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ResNet-101, EfficientNet-B0 and Swin-V2-Tiny: torchvision's sizes, small-image stems, and that they train. */
class TorchvisionNetworksTest {

    /**
     * torchvision's documented parameter counts for the ImageNet models (resnet101, efficientnet_b0,
     * swin_v2_t: 44,549,160, 5,288,548, 28,351,570). The CIFAR Swin (patch 2, 10 classes) differs
     * only in the patch conv, 3·96·(4 − 16) = −3,456, and the head, 768·(10 − 1000) + (10 − 1000)
     * = −761,310: 27,586,804. The CIFAR EfficientNet only changes a stride: 5,288,548 − 1280·990 − 990
     * = 4,020,358.
     */
    @ParameterizedTest
    @CsvSource({
        "resnet101,      224, 1000, imagenet, 44549160",
        "efficientnetb0, 224, 1000, imagenet,  5288548",
        "efficientnetb0,  32,   10, cifar,     4020358",
        "swinv2t,        224, 1000, imagenet, 28351570",
        "swinv2t,         32,   10, cifar,    27586804",
    })
    void parameterCountsMatchTorchvision(String name, int size, int classes, String stem, long expected) {
        NetworkSpec spec = new NetworkSpec(name, 3, size, classes, null, stem, 0, 0);
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Networks.create(spec);
            Networks.initialize(block, m, spec, 0);
            assertEquals(expected, Networks.countTrainableParameters(block));
        }
    }

    /** 32 px RGB and 28 px grey (odd token maps for Swin: 14 → 7 → 4 → 2) to 10 classes. */
    @ParameterizedTest
    @CsvSource({
        "resnet101,      3, 32, 16",
        "resnet101,      1, 28, 16",
        "efficientnetb0, 3, 32,  0",
        "efficientnetb0, 1, 28,  0",
        "swinv2t,        3, 32, 24",
        "swinv2t,        1, 28, 24",
    })
    void smallImagesGiveBatchByClasses(String name, int channels, int size, int width) {
        NetworkSpec spec = new NetworkSpec(name, channels, size, 10, null, null, width, 0);
        assertEquals("cifar", spec.stem());
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Networks.create(spec);
            Networks.initialize(block, m, spec, 1);
            NDArray x = m.randomNormal(Networks.inputShape(spec, 2));
            NDArray y = block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(2, 10), y.getShape());
            assertEquals(new Shape(2, 10), block.getOutputShapes(new Shape[] {x.getShape()})[0]);
            assertFalse(Float.isNaN(y.sum().getFloat()));
        }
    }

    /**
     * A few SGD steps on one tiny batch of 4 fixed labels lower the training loss. 16 px images
     * (the CIFAR stems take them) keep the step fast on a CPU; EfficientNet gets 32 px, since at
     * 16 px its last batch norms see 1x1 maps of 4 samples and the loss does not settle in 4 steps.
     */
    @ParameterizedTest
    @CsvSource({
        "resnet101,      3, 16, 16, 0.02",
        "efficientnetb0, 3, 32,  0, 0.01",
        "swinv2t,        3, 16, 24, 0.01",
    })
    void trainingStepsLowerTheLoss(String name, int channels, int size, int width, float lr) {
        NetworkSpec spec = new NetworkSpec(name, channels, size, 10, null, null, width, 0);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            Block block = Networks.create(spec);
            Networks.initialize(block, m, spec, 2);
            NDArray x = m.randomNormal(Networks.inputShape(spec, 4));
            NDArray labels = m.create(new float[] {0, 3, 5, 9});
            Loss loss = Loss.softmaxCrossEntropyLoss();
            float first = Float.NaN;
            float last = Float.NaN;
            for (int step = 0; step < 4; step++) {
                try (NDManager s = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray out = block.forward(new ParameterStore(s, false), new NDList(x), true).singletonOrThrow();
                    NDArray l = loss.evaluate(new NDList(labels), new NDList(out));
                    gc.backward(l);
                    last = l.getFloat();
                    if (step == 0) {
                        first = last;
                        if (name.equals("swinv2t")) {
                            assertEveryParameterHasAGradient(block);
                        }
                    }
                }
                // the update runs outside the collector, as the project's optimizers do
                for (Parameter p : block.getParameters().values()) {
                    if (p.requiresGradient()) {
                        NDArray w = p.getArray();
                        try (NDArray g = w.getGradient(); NDArray d = g.mul(lr)) {
                            w.subi(d);
                        }
                    }
                }
            }
            assertTrue(last < 0.8 * first, name + ": loss " + first + " -> " + last);
        }
    }

    /** The logit scale, the position-bias MLP and every linear layer are reached by the loss. */
    private static void assertEveryParameterHasAGradient(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            try (NDArray g = p.getValue().getArray().getGradient()) {
                assertTrue(g.abs().sum().getFloat() > 0, p.getKey() + " got no gradient");
            }
        }
    }

    @Test
    void statisticsTapSeesTheSqueezeExcitationConvolutions() {
        NetworkSpec spec = NetworkSpec.of("efficientnetb0", 1, 28, 10);
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Networks.create(spec);
            Networks.initialize(block, m, spec, 4);
            NDArray x = m.randomNormal(Networks.inputShape(spec, 2));
            ParameterStore ps = new ParameterStore(m, false);
            List<StatisticsTap.Input> taps = new ArrayList<>();
            NDArray tapped = StatisticsTap.forward(block, ps, x, false, taps);
            NDArray plain = block.forward(ps, new NDList(x), false).singletonOrThrow();
            assertArrayEquals(plain.toFloatArray(), tapped.toFloatArray(), 1e-5f);
            // stem 1 + per MBConv (expand if ratio 6) + depthwise + SE fc1, fc2 + project; head 1:
            // 16 blocks, 15 of them expanding: 1 + 16·4 + 15 + 1 = 81 convs.
            assertEquals(81, taps.stream().filter(t -> t.layer() instanceof Conv2d).count());
        }
    }

    /** torchvision's table for window 8: the extreme offset ±7 maps to ±log2(9)/3, offset 0 to 0. */
    @Test
    void swinRelativeCoordinatesAreLogSpaced() {
        float[] table = ShiftedWindowAttentionV2.coordsTable(8);
        assertEquals(15 * 15 * 2, table.length);
        double edge = Math.log(9) / Math.log(2) / 3;
        assertEquals(-edge, table[0], 1e-6);
        assertEquals(-edge, table[1], 1e-6);
        int centre = 2 * (7 * 15 + 7);
        assertEquals(0f, table[centre]);
        assertEquals(edge, table[table.length - 1], 1e-6);
        // offset 1 of 7: 8/7 → log2(15/7)/3
        assertEquals(Math.log(15.0 / 7) / Math.log(2) / 3, table[centre + 2 + 1], 1e-6);
    }

    @Test
    void swinRefusesOtherNormsAndWidthsItsHeadsCannotSplit() {
        UserException e = assertThrows(UserException.class,
                () -> Networks.create(NetworkSpec.of("swinv2t", 3, 32, 10).withNorm("batch")));
        assertEquals("model 'swinv2t' has layer norm only; drop --norm batch", e.getMessage());
        assertThrows(UserException.class,
                () -> Networks.create(NetworkSpec.of("swinv2t", 3, 32, 10).withWidthDepth(32, 0)));
        assertEquals("layer", NetworkSpec.of("swinv2t", 3, 32, 10).norm());
        assertEquals(96, NetworkSpec.of("swinv2t", 3, 32, 10).width());
        assertThrows(UserException.class,
                () -> Networks.create(NetworkSpec.of("resnet101", 3, 32, 10).withNorm("layer")));
    }
}
