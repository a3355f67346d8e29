package org.condense.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhaseTimesTest {

    @Test
    void phasesKeepTheirFirstOrderAndSumOverSteps() throws InterruptedException {
        PhaseTimes t = new PhaseTimes();
        for (int step = 0; step < 2; step++) {
            t.start();
            t.lap("a");
            Thread.sleep(20);
            t.lap("b");
        }
        String[] rows = t.table(2).split("\n");
        assertEquals("| phase | ms per step | share |", rows[0]);
        assertTrue(rows[2].startsWith("| a | "), rows[2]);
        assertTrue(rows[3].startsWith("| b | "), rows[3]);
        assertTrue(rows[4].startsWith("| total | "), rows[4]);
        // b slept 20 ms in each of the 2 steps: at least 20 ms per step, nearly all of the total
        double b = Double.parseDouble(rows[3].split("\\|")[2].trim());
        assertTrue(b >= 20 && b < 200, rows[3]);
        assertTrue(Double.parseDouble(rows[3].split("\\|")[3].trim().replace("%", "")) > 90, rows[3]);
    }
}
