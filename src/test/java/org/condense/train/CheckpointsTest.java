package org.condense.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.condense.model.NetworkSpec;
import org.condense.model.Networks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint's files change as one set: a save cut short leaves the previous set in force. */
class CheckpointsTest {
    private final NetworkSpec spec = NetworkSpec.of("convnet", 1, 16, 3).withWidthDepth(16, 1);

    /** Attached state standing in for score accumulators: one number that must match the epoch. */
    private static final class Counter implements Checkpoints.State {
        int value;

        @Override
        public void save(java.io.OutputStream out) throws IOException {
            out.write(Integer.toString(value).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void load(java.io.InputStream in) throws IOException {
            value = Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** An optimiser whose whole state is one step count. */
    private static Optimizer stepCounter(NDManager m) {
        return new Optimizer() {
            @Override
            public void step(List<Parameter> parameters, double lr, NDManager scratch) {}

            @Override
            public NDList state() {
                return new NDList(m.create(new float[] {1f}));
            }

            @Override
            public void loadState(NDList state) {}
        };
    }

    @Test
    void anInterruptedSaveLeavesThePreviousSetInForceAndIsCleanedUp(@TempDir Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Networks.create(spec);
            Networks.initialize(block, m, spec, 1);
            Optimizer optimizer = stepCounter(m);
            Counter counter = new Counter();
            Checkpoints ck = new Checkpoints(dir, "run").attach("counter.txt", counter);
            counter.value = 1;
            ck.save(0, block, optimizer);
            counter.value = 2;
            ck.save(1, block, optimizer);
            Path first = Checkpoints.current(dir);
            assertTrue(first.getFileName().toString().startsWith("epoch-00001-"), first.toString());
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(2, s.count(), "only the pointer and the checkpoint in force remain");
            }

            // a process killed mid-save of epoch 2: new accumulators written, no marker, owner gone
            Path torn = dir.resolve(".tmp-epoch-00002-999999999");
            Files.createDirectories(torn);
            Files.writeString(torn.resolve("counter.txt"), "3");
            Files.writeString(torn.resolve(org.condense.io.FolderOwner.FILE), "999999999\n1\n");

            Counter reloaded = new Counter();
            Checkpoints reopened = new Checkpoints(dir, "run").attach("counter.txt", reloaded);
            assertEquals(2, reopened.resume(block, optimizer, m), "resumes after epoch 1, the last complete set");
            assertEquals(2, reloaded.value, "with the accumulators of that same epoch");

            reloaded.value = 3;
            reopened.save(2, block, optimizer);
            assertFalse(Files.exists(torn), "the dead process's unfinished save is removed");
            assertFalse(Files.exists(first), "the previous checkpoint is removed after the switch");
            assertEquals("3", Files.readString(Checkpoints.current(dir).resolve("counter.txt")));
        }
    }
}
