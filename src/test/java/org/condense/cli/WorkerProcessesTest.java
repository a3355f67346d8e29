package org.condense.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerProcessesTest {

    @Test
    void childArgumentsDropTheLayoutInBothForms() {
        assertEquals(List.of("grid.yaml", "--work", "w", "--store=s"), WorkerProcesses.withoutLayout(
                List.of("grid.yaml", "--workers", "auto", "--work", "w", "--threads=2", "--store=s")));
        assertEquals(List.of("g.yaml"), WorkerProcesses.withoutLayout(List.of("--workers=3", "g.yaml", "--threads", "1")));
    }

    @Test
    void childArgumentsStartAfterTheSubcommand() {
        assertEquals(List.of("g.yaml", "--work", "w"),
                WorkerProcesses.afterSubcommand(List.of("bench", "g.yaml", "--work", "w"), "bench"));
    }
}
