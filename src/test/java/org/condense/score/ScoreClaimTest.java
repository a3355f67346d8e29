package org.condense.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.condense.ToyDataset;
import org.condense.data.InMemoryDataset;
import org.condense.evaluate.Protocols;
import org.condense.model.NetworkSpec;
import org.condense.train.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code condense score} claims each scoring run, as evaluate and bench claim theirs: while another
 * process holds run 1's claim, a job trains run 2 first, then waits and trains run 1 once the claim
 * is free, so two processes on one --out never train the same run into one checkpoint.
 */
class ScoreClaimTest {
    private final InMemoryDataset toy = ToyDataset.balanced(3, 8, 1, 16);
    private final NetworkSpec spec = NetworkSpec.of("convnet", 1, 16, 3).withWidthDepth(16, 2);
    private final Protocol protocol = Protocols.load("score-sgd", Map.of("epochs", "3", "batch_size", "10", "lr", "0.01"));

    @Test
    void aRunClaimedByAnotherProcessIsLeftToItAndTakenWhenFree(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("scores");
        Path lock = Files.createDirectories(out.resolve("checkpoint")).resolve("run-0.lock");
        Path release = dir.resolve("release");
        // another process holds run 1's claim (a POSIX record lock, as Java's file locks are on Linux)
        // until told to let go
        Process holder = new ProcessBuilder("python3", "-c", "import fcntl,os,sys,time\n"
                + "f=open(sys.argv[1],'a+'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True)\n"
                + "t=time.time()\n"
                + "while not os.path.exists(sys.argv[2]) and time.time()-t<300: time.sleep(0.05)\n",
                lock.toString(), release.toString()).redirectErrorStream(true).start();
        try {
            assertEquals("locked", new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine());
            List<String> log = new ArrayList<>();
            List<String> whileHeld = new ArrayList<>();
            ScoreCard card = new ScoreJob(line -> {
                log.add(line);
                if (line.startsWith("run 2/2") && line.contains("scored") && !Files.exists(release)) {
                    whileHeld.add(Files.exists(out.resolve("checkpoint/run-0")) ? "run 1 trained" : "run 1 untouched");
                    if (log.stream().filter(l -> l.startsWith("run 2/2") && l.contains("scored")).count() == 3) {
                        try {
                            Files.writeString(release, ""); // run 2 is done: the other process lets go
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
            }).run(new ScoreJob.Request(toy, protocol, spec, 2, 2, 7, false, false, out));

            assertTrue(log.contains("run 1/2: another process is on it; its scores are read when it finishes"), log.toString());
            assertEquals(List.of("run 1 untouched", "run 1 untouched", "run 1 untouched"), whileHeld, log.toString());
            int lastOfRun2 = -1;
            int firstOfRun1 = -1;
            for (int i = 0; i < log.size(); i++) {
                if (log.get(i).startsWith("run 2/2") && log.get(i).contains("scored")) {
                    lastOfRun2 = i;
                }
                if (firstOfRun1 < 0 && log.get(i).startsWith("run 1/2") && log.get(i).contains("scored")) {
                    firstOfRun1 = i;
                }
            }
            assertTrue(lastOfRun2 >= 0 && firstOfRun1 > lastOfRun2, "run 1 trained after run 2, once free: " + log);
            assertEquals(2, card.runs());
            assertTrue(Files.isRegularFile(out.resolve(ScoreFiles.CARD)));
            assertFalse(Files.exists(lock), "claims are removed once released");
        } finally {
            holder.destroyForcibly();
        }
    }
}
