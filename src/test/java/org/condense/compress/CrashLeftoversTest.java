package org.condense.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.condense.ToyDataset;
import org.condense.UserException;
import org.condense.data.InMemoryDataset;
import org.condense.io.FolderOwner;
import org.condense.methods.CompressionMethods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a killed writer leaves beside --out: removed or taken over when its owner is gone, refused while it lives. */
class CrashLeftoversTest {
    private final InMemoryDataset toy = ToyDataset.balanced(2, 5, 1, 8);

    /** Marks {@code folder} as written by a process that is gone (no process has PID 2^22+1 on Linux's default range). */
    private static void markDead(Path folder) throws Exception {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(FolderOwner.FILE), "4194305\n1\n");
    }

    /** Marks {@code folder} as written by a live process other than this one: the one that started this JVM. */
    private static void markLiveOther(Path folder) throws Exception {
        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        long started = parent.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(FolderOwner.FILE), parent.pid() + "\n" + started + "\n");
    }

    @Test
    void ownersAreToldApartByPidAndStartTime(@TempDir Path dir) throws Exception {
        Path mine = dir.resolve("mine");
        FolderOwner.mark(mine);
        assertTrue(FolderOwner.isMine(mine));
        Path dead = dir.resolve("dead");
        markDead(dead);
        assertTrue(FolderOwner.liveOwner(dead).isEmpty());
        Path reused = dir.resolve("reused");
        Files.createDirectories(reused);
        // this process's PID with another start time: a PID the OS gave again, not the writer
        Files.writeString(reused.resolve(FolderOwner.FILE), ProcessHandle.current().pid() + "\n12345\n");
        assertTrue(FolderOwner.liveOwner(reused).isEmpty());
        assertTrue(FolderOwner.liveOwner(dir.resolve("unmarked")).isEmpty());
    }

    @Test
    void aDeadWritersTempFolderIsRemovedAndALiveOnesIsKept(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path deadTmp = dir.resolve(".out.tmp-4194305");
        markDead(deadTmp);
        Files.writeString(deadTmp.resolve("half.png"), "");
        Path liveTmp = dir.resolve(".out.tmp-1");
        markLiveOther(liveTmp);
        Compressor.run(toy, "toy", CompressionMethods.get("random"), 2, 1, Map.of(), out);
        assertFalse(Files.exists(deadTmp), "the dead writer's folder is removed");
        assertTrue(Files.exists(liveTmp), "a live writer's folder is left alone");
        assertFalse(Files.exists(out.resolve(FolderOwner.FILE)), "the finished dataset carries no owner mark");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(2, s.count(), "only the dataset and the live writer's folder: " + dir);
        }
    }

    @Test
    void aWorkFolderOfALiveProcessIsRefusedAndADeadOnesIsTakenOver(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path work = Compressor.workDir(out);
        markLiveOther(work);
        UserException e = assertThrows(UserException.class,
                () -> Compressor.run(toy, "toy", CompressionMethods.get("random"), 2, 1, Map.of(), out));
        assertTrue(e.getMessage().startsWith("another process (pid "), e.getMessage());
        assertFalse(Files.exists(out));

        markDead(work);
        Compressor.run(toy, "toy", CompressionMethods.get("random"), 2, 1, Map.of(), out);
        assertTrue(CompressedDataset.isCompressedDataset(out));
        assertFalse(Files.exists(work), "the work folder is removed once the dataset is written");

        // a method that fails before finishing anything leaves no work folder
        assertThrows(UserException.class, () -> Compressor.run(toy, "toy", CompressionMethods.get("sre2l"), 1, 1, Map.of(), dir.resolve("bad")));
        assertFalse(Files.exists(Compressor.workDir(dir.resolve("bad"))));

        // killed after the rename, before the cleanup: the rerun reuses the dataset and removes the parts
        markDead(work);
        assertTrue(Compressor.run(toy, "toy", CompressionMethods.get("random"), 2, 1, Map.of(), out).reused());
        assertFalse(Files.exists(work));
    }
}
