package org.condense.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CosineScheduleTest {
    @Test
    void followsHalfCosinePerEpoch() {
        CosineSchedule s = new CosineSchedule(0.001, 300);
        assertEquals(0.001, s.lr(0), 1e-15);
        assertEquals(0.0005, s.lr(150), 1e-15);
        // ½(1+cos(π/4)) = 0.853553390593...
        assertEquals(0.000853553390593, s.lr(75), 1e-15);
        // last epoch: ½(1+cos(299π/300)) = 2.7414e-5
        assertEquals(0.001 * 2.7414e-5, s.lr(299), 1e-10);
    }
}
