package org.condense.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.condense.ToyDataset;
import org.condense.UserException;
import org.condense.compress.CompressionMethod;
import org.condense.compress.CompressionRequest;
import org.condense.data.InMemoryDataset;
import org.junit.jupiter.api.Test;

class PositiveIpcTest {
    private final InMemoryDataset toy = ToyDataset.balanced(2, 3, 1, 4);

    @Test
    void positiveIpcIsTheIpcFromOneUp() {
        assertEquals(1, new CompressionRequest(toy, 1, 0, Map.of()).positiveIpc());
        assertEquals(7, new CompressionRequest(toy, 7, 0, Map.of()).positiveIpc());
    }

    @Test
    void anIpcBelowOneIsAUserErrorInEveryMethodThatChecksIt() {
        for (int ipc : new int[] {0, -3}) {
            CompressionRequest request = new CompressionRequest(toy, ipc, 0, Map.of());
            assertEquals("--ipc must be positive, got " + ipc,
                    assertThrows(UserException.class, request::positiveIpc).getMessage());
            for (CompressionMethod method : new CompressionMethod[] {new RdedDistillation(), new GvbsmDistillation(),
                    new Sre2lDistillation()}) {
                assertEquals("--ipc must be positive, got " + ipc,
                        assertThrows(UserException.class, () -> method.compress(request)).getMessage(), method.name());
            }
        }
    }
}
