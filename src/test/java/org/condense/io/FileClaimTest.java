package org.condense.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileClaimTest {

    @Test
    void aHeldClaimIsRefusedAndARemovedOneLeavesNoFile(@TempDir Path dir) throws Exception {
        Path lock = dir.resolve("locks/run.lock");
        FileClaim held = FileClaim.tryTake(lock);
        assertNotNull(held);
        assertNull(FileClaim.tryTake(lock), "held: another claim is refused");
        held.closeAndDelete();
        assertFalse(Files.exists(lock), "the lock file is removed with its claim");
        try (FileClaim again = FileClaim.tryTake(lock)) {
            assertNotNull(again, "the path can be claimed afresh");
            assertEquals(0, Files.size(lock), "a lock file in use is empty");
        }
    }

    @Test
    void aRemovedClaimsFileLeftByADeadHolderIsReplaced(@TempDir Path dir) throws Exception {
        Path lock = dir.resolve("run.lock");
        Files.writeString(lock, "x"); // marked as removed, but its holder died before unlinking it
        try (FileClaim claim = FileClaim.take(lock)) {
            assertNotNull(claim);
            assertEquals(0, Files.size(lock), "a fresh, empty lock file took its place");
        }
    }
}
