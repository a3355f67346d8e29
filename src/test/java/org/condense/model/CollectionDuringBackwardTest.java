package org.condense.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A garbage collection between forward and backward must not change a gradient. DJL's
 * {@code mul(Number)} and friends keep a 0-d tensor over Java memory in the autograd graph that
 * the next collection frees; {@link ScalarOps} must not, and no code on an autograd path may use them.
 */
class CollectionDuringBackwardTest {

    /** Collects until the direct buffers that became unreachable have been freed by their cleaners. */
    static void collect() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** d/dx Σ f(x) with a collection between forward and backward. */
    private static float[] gradient(float[] values, Function<NDArray, NDArray> f) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(values);
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = f.apply(x).sum();
                collect();
                gc.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }

    @Test
    void scalarOpsKeepTheirConstantForBackward() {
        float[] x = {1, 2, 8};
        assertArrayEquals(new float[] {3, 3, 3}, gradient(x, a -> ScalarOps.mul(a, 3)));
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f}, gradient(x, a -> ScalarOps.div(a, 4)));
        assertArrayEquals(new float[] {1, 0, 0}, gradient(x, a -> ScalarOps.minimum(a, 1.5)));
        assertArrayEquals(new float[] {0, 1, 1}, gradient(x, a -> ScalarOps.maximum(a, 1.5)));
        assertArrayEquals(new float[] {1, 1, 0}, gradient(new float[] {1, 2, 8}, ScalarOps::relu6));
        float s = (float) (1 / (1 + Math.exp(-1.0))); // SiLU'(1) = σ(1)(1 + 1·(1 − σ(1)))
        assertEquals(s * (1 + (1 - s)), gradient(new float[] {1}, ScalarOps::silu)[0], 1e-6);
    }

    @Test
    void scalarOpsGiveDjlsValuesAndKeepTheArraysType() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new ai.djl.ndarray.types.Shape(64));
            assertArrayEquals(x.mul(0.3).toFloatArray(), ScalarOps.mul(x, 0.3).toFloatArray());
            assertArrayEquals(x.div(3.7).toFloatArray(), ScalarOps.div(x, 3.7).toFloatArray());
            assertArrayEquals(x.minimum(0.2).toFloatArray(), ScalarOps.minimum(x, 0.2).toFloatArray());
            assertArrayEquals(ai.djl.nn.Activation.relu6(x.mul(5)).toFloatArray(), ScalarOps.relu6(x.mul(5)).toFloatArray());
            assertArrayEquals(ai.djl.nn.Activation.swish(x, 1f).toFloatArray(), ScalarOps.silu(x).toFloatArray());
            assertEquals(x.getDataType(), ScalarOps.mul(x, 2).getDataType());
        }
    }

    /**
     * No code on an autograd path passes a number where DJL would wrap it (a source check: a
     * network-level gradient comparison is not usable, as libtorch's input gradients of some
     * freshly built networks are not reproducible run to run even without a collection). The
     * optimisers and DWA's weight step run outside autograd and may use DJL's overloads.
     */
    @Test
    void noAutogradCodeUsesDjlsNumberOverloads() throws Exception {
        java.util.regex.Pattern numberArgument = java.util.regex.Pattern.compile(
                "\\.(mul|div|pow|minimum|maximum)\\(\\s*(\\((float|double|int)\\)|-?\\d|Math\\.|[A-Z_]{2,}\\b(?!\\.))"
                        + "|Activation\\.(relu6|swish|relu6Block|swishBlock)\\b");
        java.util.Set<String> outsideAutograd = java.util.Set.of("AdamW.java", "Sgd.java", "PixelAdam.java",
                "DirectedWeightAdjustment.java", "ScalarOps.java");
        List<String> found = new ArrayList<>();
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                if (outsideAutograd.contains(f.getFileName().toString())) {
                    continue;
                }
                List<String> lines = java.nio.file.Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (numberArgument.matcher(lines.get(i)).find()) {
                        found.add(f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertEquals(List.of(), found, "use ScalarOps for constants on the autograd path");
    }
}
