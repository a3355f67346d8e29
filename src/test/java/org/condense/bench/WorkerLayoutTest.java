package org.condense.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.condense.UserException;
import org.junit.jupiter.api.Test;

class WorkerLayoutTest {

    @Test
    void autoIsOneSingleThreadedWorkerPerCoreBoundedByRunsAndCap() {
        assertEquals(new WorkerLayout(2, 1), WorkerLayout.of("auto", 0, 2, 120));
        assertEquals(new WorkerLayout(1, 2), WorkerLayout.of("auto", 0, 2, 1));
        assertEquals(new WorkerLayout(8, 8), WorkerLayout.of("auto", 0, 64, 1000));
        assertEquals(new WorkerLayout(1, 1), WorkerLayout.of("auto", 0, 1, 5));
    }

    @Test
    void explicitCountsAndThreads() {
        assertEquals(new WorkerLayout(1, 2), WorkerLayout.of("1", 0, 2, 10));
        assertEquals(new WorkerLayout(3, 1), WorkerLayout.of("3", 0, 2, 10));
        assertEquals(new WorkerLayout(2, 4), WorkerLayout.of("2", 4, 2, 10));
    }

    @Test
    void badValuesAreUserErrors() {
        assertEquals("--workers must be auto or a positive number, got 'two'",
                assertThrows(UserException.class, () -> WorkerLayout.of("two", 0, 2, 1)).getMessage());
        assertThrows(UserException.class, () -> WorkerLayout.of("0", 0, 2, 1));
        assertThrows(UserException.class, () -> WorkerLayout.of("1", -1, 2, 1));
    }
}
