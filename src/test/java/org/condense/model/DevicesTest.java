package org.condense.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DevicesTest {

    /**
     * libtorch records gradients per thread, on by default; a thread other than the engine's
     * first must still be able to update a parameter in place, as every optimiser step does.
     */
    @Test
    void aManagerMadeOnAnotherThreadUpdatesParametersInPlace() throws Exception {
        try (NDManager first = Devices.newManager()) { // the engine is loaded on this thread
            first.ones(new Shape(1));
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        float[][] out = new float[1][];
        Thread other = new Thread(() -> {
            try (NDManager m = Devices.newManager()) {
                NDArray w = m.create(new float[] {1, 2, 3});
                w.setRequiresGradient(true);
                w.muli(2);
                out[0] = w.toFloatArray();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        other.start();
        other.join();
        assertNull(failure.get(), () -> "in-place update on a new thread failed: " + failure.get());
        assertArrayEquals(new float[] {2, 4, 6}, out[0]);
    }
}
