package org.condense.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.condense.ToyDataset;
import org.condense.data.InMemoryDataset;
import org.condense.evaluate.Protocols;
import org.condense.model.NetworkSpec;
import org.condense.train.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code condense score} claims each scoring run, as evaluate and bench claim theirs: while another
 * process holds run 1's claim, a job trains run 2, waits, and reads run 1 once it is free, so two
 * processes on one --out never train the same run into one checkpoint.
 */
class ScoreClaimTest {
    private final InMemoryDataset toy = ToyDataset.balanced(3, 8, 1, 16);
    private final NetworkSpec spec = NetworkSpec.of("convnet", 1, 16, 3).withWidthDepth(16, 2);
    private final Protocol protocol = Protocols.load("score-sgd", Map.of("epochs", "3", "batch_size", "10", "lr", "0.01"));

    @Test
    void aRunClaimedByAnotherProcessIsLeftToItAndReadWhenFree(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("scores");
        Path lock = Files.createDirectories(out.resolve("checkpoint")).resolve("run-0.lock");
        // another process holds run 1's claim (a POSIX record lock, as Java's file locks are on Linux)
        Process holder = new ProcessBuilder("python3", "-c", "import fcntl,sys,time\n"
                + "f=open(sys.argv[1],'a+'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(120)",
                lock.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream()));
            assertEquals("locked", r.readLine());
            List<String> log = new CopyOnWriteArrayList<>();
            AtomicReference<ScoreCard> card = new AtomicReference<>();
            Thread job = new Thread(() -> card.set(new ScoreJob(log::add).run(
                    new ScoreJob.Request(toy, protocol, spec, 2, 2, 7, false, false, out))));
            job.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (log.stream().filter(l -> l.startsWith("run 2/2") && l.contains("scored")).count() < 3
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(500);
            assertTrue(log.contains("run 1/2: another process is on it; its scores are read when it finishes"), log.toString());
            assertTrue(job.isAlive(), "the job waits for run 1: " + log);
            assertFalse(Files.exists(out.resolve("checkpoint/run-0")), "run 1 is not trained while claimed elsewhere");
            assertFalse(Files.exists(out.resolve(ScoreFiles.CARD)));

            holder.destroy(); // the claim goes with its process
            job.join(60_000);
            assertFalse(job.isAlive());
            assertEquals(2, card.get().runs());
            assertTrue(Files.isRegularFile(out.resolve(ScoreFiles.CARD)));
            assertFalse(Files.exists(lock), "claims are removed once released");
        } finally {
            holder.destroyForcibly();
        }
    }
}
