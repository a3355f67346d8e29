package org.condense.cli;

import java.nio.file.Path;
import org.condense.io.FileClaim;

/**
 * A child process for tests: takes the {@link FileClaim} on the file named by its argument, says
 * {@code held} on stdout and keeps the lock until it is killed, as another bench process would.
 */
public final class HoldLock {
    private HoldLock() {}

    public static void main(String[] args) throws Exception {
        FileClaim claim = FileClaim.take(Path.of(args[0]));
        System.out.println("held");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
        claim.close();
    }
}
