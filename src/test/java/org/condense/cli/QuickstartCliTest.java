package org.condense.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job's option checks, made before it installs, scores or trains anything. */
class QuickstartCliTest {
    @Test
    void kBeyondTheScoringRunIsRefused(@TempDir Path dir) {
        Run.assertOneLineError(Run.of("quickstart", "--score-epochs", "5", "--k", "10", "--work-dir", dir.toString(),
                "--data-dir", dir.toString()), "--k 10 must be between 1 and --score-epochs 5");
        Run.assertOneLineError(Run.of("quickstart", "--k", "0", "--work-dir", dir.toString(), "--data-dir",
                dir.toString()), "--k 0 must be between 1 and --score-epochs 5");
    }

    @Test
    void anUnknownCompositeProtocolIsRefused(@TempDir Path dir) {
        Run.assertOneLineError(Run.of("quickstart", "--composite-protocol", "pca-hardd", "--work-dir", dir.toString(),
                "--data-dir", dir.toString()), "pca-hardd");
    }
}
