package org.condense.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import org.condense.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworksTest {

    /**
     * Expected counts are torchvision's (checked against torch 1.13 / torchvision 0.14 once,
     * outside the tests). By hand:
     * <ul>
     * <li>ConvNet 3 ch, 32 px, width 128, depth 3, instance norm:
     *     conv 3·128·9+128 = 3,584; 2 × conv 128·128·9+128 = 147,584; 3 × norm 2·128 = 256;
     *     linear (128·4·4)·10+10 = 20,490; total 3,584 + 2·147,584 + 768 + 20,490 = 320,010.
     * <li>ResNet-18 ImageNet, 1000 classes: stem 3·64·49 + 128 = 9,536; layer1 2·(2·36,864+256)
     *     = 147,968; layer2 525,568; layer3 2,099,712; layer4 8,393,728 (each: 3x3 convs,
     *     BN 2·C, downsample C_in·C_out + 2·C_out); fc 512·1000+1000 = 513,000 → 11,689,512.
     * <li>ResNet-18 CIFAR stem, 10 classes: 11,689,512 − (9,408 − 1,728) stem − (513,000 − 5,130)
     *     fc = 11,173,962.
     * </ul>
     */
    @ParameterizedTest
    @CsvSource({
        "convnet,     3, 32,   10, instance, auto,        320010",
        "resnet18,    3, 32,   10, batch,    cifar,     11173962",
        "resnet18,    3, 224, 1000, batch,   imagenet,  11689512",
        "resnet50,    3, 224, 1000, batch,   imagenet,  25557032",
        "mobilenetv2, 3, 224, 1000, batch,   imagenet,   3504872",
    })
    void trainableParameterCountsMatchTorchvision(String name, int channels, int size, int classes,
                                                  String norm, String stem, long expected) {
        assertParameterCount(new NetworkSpec(name, channels, size, classes, norm, stem, 0, 0), expected);
    }

    /**
     * A narrow ResNet-18 (base width 16: stages 16, 32, 64, 128), CIFAR stem, 10 classes: stem
     * 3·16·9 + 32 = 464; per stage of width w from w_in, two blocks of 2 3x3 convs + 2 BN, plus a
     * downsample w_in·w + 2w when w_in ≠ w: 9,344 + 33,088 + 131,712
     * + 525,568; fc 128·10 + 10 = 1,290 → 701,466. The default width is torchvision's 64.
     */
    @Test
    void resnetWidthScalesEveryStage() {
        assertParameterCount(new NetworkSpec("resnet18", 3, 32, 10, "batch", "cifar", 16, 0), 701_466);
        assertEquals(64, NetworkSpec.of("resnet18", 3, 32, 10).width());
        assertEquals(128, NetworkSpec.of("convnet", 3, 32, 10).width());
    }

    private static void assertParameterCount(NetworkSpec spec, long expected) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Networks.create(spec);
            Networks.initialize(block, m, spec, 0);
            assertEquals(expected, Networks.countTrainableParameters(block));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "convnet,     1, 28, auto",
        "convnet,     3, 28, auto",
        "convnet,     1, 32, auto",
        "convnet,     3, 32, auto",
        "convnet,     1, 28, dc",
        "resnet18,    3, 28, auto",
        "resnet18,    3, 32, auto",
        "resnet18,    3, 64, imagenet",
        "resnet50,    1, 28, auto",
        "resnet50,    3, 32, auto",
        "mobilenetv2, 1, 28, auto",
        "mobilenetv2, 3, 32, auto",
    })
    void outputShapeIsBatchByClasses(String name, int channels, int size, String stem) {
        NetworkSpec spec = new NetworkSpec(name, channels, size, 7, null, stem, 0, 0);
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Networks.create(spec);
            Networks.initialize(block, m, spec, 1);
            NDArray x = m.randomNormal(Networks.inputShape(spec, 2));
            NDArray y = block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(2, 7), y.getShape());
            assertEquals(new Shape(2, 7), block.getOutputShapes(new Shape[] {x.getShape()})[0]);
        }
    }

    @Test
    void convNetFeatureSizeFollowsImageSize() {
        // 28 → 14 → 7 → 3 gives 128·3·3 features; the DC-code stem pads MNIST to 32 → 4·4.
        assertEquals(128 * 3 * 3 * 10, classifierWeightSize(new NetworkSpec("convnet", 1, 28, 10, null, null, 0, 0)));
        assertEquals(128 * 4 * 4 * 10, classifierWeightSize(new NetworkSpec("convnet", 1, 28, 10, null, "dc", 0, 0)));
        assertEquals(64 * 2 * 2 * 10, classifierWeightSize(new NetworkSpec("convnet", 3, 32, 10, null, null, 64, 4)));
    }

    private static long classifierWeightSize(NetworkSpec spec) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Networks.create(spec);
            Networks.initialize(block, m, spec, 0);
            List<Parameter> params = block.getParameters().values();
            Parameter last = params.get(params.size() - 2); // classifier weight, then its bias
            assertEquals(Parameter.Type.WEIGHT, last.getType());
            return last.getArray().size();
        }
    }

    @Test
    void sameSeedGivesIdenticalParametersAndAnotherSeedDiffers() {
        for (String name : List.of("convnet", "mobilenetv2")) {
            NetworkSpec spec = NetworkSpec.of(name, 3, 32, 10);
            try (NDManager m = NDManager.newBaseManager()) {
                List<float[]> a = parameters(spec, m, 42);
                List<float[]> b = parameters(spec, m, 42);
                List<float[]> c = parameters(spec, m, 43);
                assertEquals(a.size(), b.size());
                boolean anyDifferent = false;
                for (int i = 0; i < a.size(); i++) {
                    assertArrayEquals(a.get(i), b.get(i), name + " parameter " + i);
                    anyDifferent |= !java.util.Arrays.equals(a.get(i), c.get(i));
                }
                assertTrue(anyDifferent, name + ": seed 43 gave the same parameters as 42");
            }
        }
    }

    private static List<float[]> parameters(NetworkSpec spec, NDManager m, long seed) {
        Block block = Networks.create(spec);
        Networks.initialize(block, m, spec, seed);
        return block.getParameters().values().stream().map(p -> p.getArray().toFloatArray()).toList();
    }

    @Test
    void initialisationFollowsPyTorchPerNetwork() {
        try (NDManager m = NDManager.newBaseManager()) {
            // ConvNet: layer defaults, U(±1/√fan_in) for weight and bias; second conv fan_in 128·9.
            Block convnet = init(NetworkSpec.of("convnet", 3, 32, 10), m);
            double bound = 1 / Math.sqrt(128 * 9);
            for (String key : List.of("05Conv2d_weight", "05Conv2d_bias")) {
                float[] v = param(convnet, key).getArray().toFloatArray();
                assertTrue(maxAbs(v) <= bound && maxAbs(v) > 0.9 * bound, key + " max " + maxAbs(v));
            }
            // ResNet: conv kaiming_normal(fan_out): layer1 conv 64·9 → std √(2/576); BN 1 and 0;
            // the CIFAR stem conv is swapped in after torchvision's init: default U(±1/√27).
            Block resnet = init(NetworkSpec.of("resnet18", 3, 32, 10), m);
            float[] conv = param(resnet, "04SequentialBlock_01Residual_01main_01Conv2d_weight").getArray().toFloatArray();
            assertEquals(Math.sqrt(2.0 / (64 * 9)), std(conv), 0.03 * Math.sqrt(2.0 / (64 * 9)));
            float[] stem = param(resnet, "01Conv2d_weight").getArray().toFloatArray();
            assertTrue(maxAbs(stem) <= 1 / Math.sqrt(27) && maxAbs(stem) > 0.9 / Math.sqrt(27));
            assertEquals(1f, param(resnet, "02BatchNorm_gamma").getArray().min().getFloat());
            assertEquals(0f, param(resnet, "02BatchNorm_beta").getArray().max().getFloat());
            Block imagenet = init(NetworkSpec.of("resnet18", 3, 224, 10), m);
            float[] stem7 = param(imagenet, "01Conv2d_weight").getArray().toFloatArray();
            assertEquals(Math.sqrt(2.0 / (64 * 49)), std(stem7), 0.05 * Math.sqrt(2.0 / (64 * 49)));
            // MobileNetV2: classifier N(0, 0.01), bias 0.
            Block mobile = init(NetworkSpec.of("mobilenetv2", 3, 32, 1000), m);
            List<Parameter> ps = mobile.getParameters().values();
            assertEquals(0.01, std(ps.get(ps.size() - 2).getArray().toFloatArray()), 0.0005);
            assertEquals(0f, maxAbs(ps.get(ps.size() - 1).getArray().toFloatArray()));
        }
    }

    private static Block init(NetworkSpec spec, NDManager m) {
        Block block = Networks.create(spec);
        Networks.initialize(block, m, spec, 7);
        return block;
    }

    private static Parameter param(Block block, String key) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().equals(key)) {
                return p.getValue();
            }
        }
        throw new AssertionError("no parameter " + key + " in " + block.getParameters().keys());
    }

    private static double maxAbs(float[] v) {
        double max = 0;
        for (float f : v) {
            max = Math.max(max, Math.abs(f));
        }
        return max;
    }

    private static double std(float[] v) {
        double sum = 0, sq = 0;
        for (float f : v) {
            sum += f;
            sq += (double) f * f;
        }
        double mean = sum / v.length;
        return Math.sqrt(sq / v.length - mean * mean);
    }

    @Test
    void unknownNamesAreUserErrorsListingTheChoices() {
        UserException e = assertThrows(UserException.class, () -> Networks.create(NetworkSpec.of("vgg11", 3, 32, 10)));
        assertEquals("unknown model 'vgg11'; choose one of: convnet, resnet18, resnet50, resnet101, mobilenetv2, "
                + "efficientnetb0, swinv2t", e.getMessage());
        e = assertThrows(UserException.class,
                () -> Networks.create(NetworkSpec.of("convnet", 3, 32, 10).withNorm("layer")));
        assertTrue(e.getMessage().startsWith("unknown norm 'layer'; choose one of: instance, batch, none"));
        e = assertThrows(UserException.class,
                () -> Networks.create(NetworkSpec.of("resnet18", 3, 32, 10).withStem("dc")));
        assertTrue(e.getMessage().startsWith("unknown stem 'dc'"), e.getMessage());
        assertThrows(UserException.class,
                () -> Networks.create(NetworkSpec.of("convnet", 1, 28, 10).withWidthDepth(128, 5)));
    }

    @Test
    void specDefaults() {
        NetworkSpec c = NetworkSpec.of("ConvNet", 3, 32, 10);
        assertEquals(new NetworkSpec("convnet", 3, 32, 10, "instance", "cifar", 128, 3), c);
        assertEquals("batch", NetworkSpec.of("resnet18", 3, 32, 10).norm());
        assertEquals("cifar", NetworkSpec.of("resnet18", 3, 64, 10).stem());
        assertEquals("imagenet", NetworkSpec.of("resnet18", 3, 65, 10).stem());
        assertEquals(List.of("convnet", "resnet18", "resnet50", "resnet101", "mobilenetv2", "efficientnetb0", "swinv2t"),
                Networks.names());
    }

    @Test
    void hasBatchNorm() {
        assertFalse(Networks.hasBatchNorm(Networks.create(NetworkSpec.of("convnet", 3, 32, 10))));
        assertTrue(Networks.hasBatchNorm(Networks.create(NetworkSpec.of("convnet", 3, 32, 10).withNorm("batch"))));
        assertTrue(Networks.hasBatchNorm(Networks.create(NetworkSpec.of("resnet18", 3, 32, 10))));
        assertTrue(Networks.hasBatchNorm(Networks.create(NetworkSpec.of("mobilenetv2", 3, 32, 10))));
    }
}
