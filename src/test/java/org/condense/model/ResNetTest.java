package org.condense.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class ResNetTest {

    /**
     * ResNet-50's layer3 downsample (512 → 1024, stride 2). As a plain strided 1x1 conv its
     * backward kills the JVM with SIGFPE inside oneDNN on this kind of machine; the subsample +
     * 1x1 form must compute the same function and survive the backward pass.
     */
    @Test
    void stridedDownsampleIsAStridedOneByOneConvAndBackpropagates() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block downsample = ResNet.downsample(1024, 2, "none");
            NDArray x = m.randomNormal(new Shape(2, 512, 15, 15));
            downsample.initialize(m, DataType.FLOAT32, x.getShape());
            NDArray weight = downsample.getParameters().get(0).getValue().getArray();

            NDArray expected = Conv2d.conv2d(x, weight, null, new Shape(2, 2)).singletonOrThrow();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                x.setRequiresGradient(true);
                NDArray y = downsample.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                assertEquals(new Shape(2, 1024, 8, 8), y.getShape());
                assertArrayEquals(expected.toFloatArray(), y.toFloatArray(), 1e-4f);
                gc.backward(y.sum());
            }
            // only the pixels the stride samples get a gradient
            NDArray g = x.getGradient();
            assertTrue(g.get(":, :, ::2, ::2").abs().min().getFloat() > 0);
            assertEquals(0f, g.get(":, :, 1::2, :").abs().max().getFloat());
        }
    }
}
