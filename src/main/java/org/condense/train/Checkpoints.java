package org.condense.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.condense.UserException;
import org.condense.io.AtomicFiles;

/**
 * Saves the model and optimiser after each epoch so that an interrupted run resumes where it
 * stopped. The epoch marker is written last and every file goes through a temporary name, so a
 * crash mid-save leaves the previous checkpoint intact. The marker also carries the seconds spent
 * up to that epoch, so a resumed run still reports what the whole run cost.
 */
public final class Checkpoints {
    private final Path dir;
    private final String runKey;
    private final Map<String, State> attachments = new LinkedHashMap<>();
    private final long openedAt = System.nanoTime();
    private double priorSeconds;
    private int resumedEpochs;
    private double minIntervalSeconds;
    private long lastSave = openedAt;

    /**
     * State that must advance in step with the model, e.g. score accumulators: it is saved with
     * every checkpoint (before the epoch marker) and restored on resume.
     */
    public interface State {
        void save(OutputStream out) throws IOException;

        void load(InputStream in) throws IOException;
    }

    /** @param runKey identifies the run's configuration; a checkpoint of another run is ignored */
    public Checkpoints(Path dir, String runKey) {
        this.dir = dir;
        this.runKey = runKey;
    }

    /** Saves and restores {@code state} as {@code fileName} beside the model. */
    public Checkpoints attach(String fileName, State state) {
        attachments.put(fileName, state);
        return this;
    }

    /**
     * Skips a save when the last one (or the opening) is less than {@code seconds} ago: for runs of
     * many short epochs, where saving every epoch would cost more than the epochs an interruption loses.
     */
    public Checkpoints savingAtMostEvery(double seconds) {
        this.minIntervalSeconds = seconds;
        return this;
    }

    public void save(int epoch, Block model, Optimizer optimizer) {
        long now = System.nanoTime();
        if ((now - lastSave) / 1e9 < minIntervalSeconds) {
            return;
        }
        lastSave = now;
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(dir.resolve("model.params"), out -> model.saveParameters(new DataOutputStream(out)));
            AtomicFiles.write(dir.resolve("optimizer.ndlist"), out -> writeList(optimizer.state(), out));
            for (Map.Entry<String, State> a : attachments.entrySet()) {
                AtomicFiles.write(dir.resolve(a.getKey()), a.getValue()::save);
            }
            double spent = priorSeconds + (System.nanoTime() - openedAt) / 1e9;
            AtomicFiles.writeString(dir.resolve("checkpoint.txt"), runKey + "\n" + epoch + "\n" + spent + "\n");
        } catch (IOException e) {
            throw new UserException("cannot write checkpoint in " + dir + " (" + e + "); free space or give a writable --out");
        }
    }

    /** Loads the last checkpoint of this run, if any; returns the epoch to start from. */
    public int resume(Block model, Optimizer optimizer, NDManager manager) {
        Path marker = dir.resolve("checkpoint.txt");
        if (!Files.exists(marker)) {
            return 0;
        }
        try {
            String[] lines = Files.readString(marker, StandardCharsets.UTF_8).split("\n");
            if (lines.length < 2 || !lines[0].equals(runKey)) {
                return 0;
            }
            int epoch = Integer.parseInt(lines[1].trim());
            // checkpoints written before the seconds were recorded have two lines
            double spent = lines.length > 2 ? Double.parseDouble(lines[2].trim()) : 0;
            try (InputStream in = Files.newInputStream(dir.resolve("model.params"))) {
                model.loadParameters(manager, new DataInputStream(in));
            }
            // loaded arrays are fresh tensors: re-attach gradients to the trainable ones
            for (ai.djl.nn.Parameter p : TrainingLoop.trainableParameters(model)) {
                p.getArray().setRequiresGradient(true);
            }
            try (InputStream in = Files.newInputStream(dir.resolve("optimizer.ndlist"))) {
                NDList state = NDList.decode(manager, in.readAllBytes());
                optimizer.loadState(state);
                state.close();
            }
            for (Map.Entry<String, State> a : attachments.entrySet()) {
                try (InputStream in = Files.newInputStream(dir.resolve(a.getKey()))) {
                    a.getValue().load(in);
                }
            }
            // the time between that save and the interruption is lost with the epoch it was in
            priorSeconds = spent;
            resumedEpochs = epoch + 1;
            return resumedEpochs;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new org.condense.UserException("checkpoint in " + dir + " is unreadable (" + e.getMessage()
                    + "); delete that folder to start over");
        }
    }

    /** Seconds that earlier processes spent on this run, up to the checkpoint it resumed from (0 for a fresh run). */
    public double priorSeconds() {
        return priorSeconds;
    }

    /** Epochs that earlier processes finished and this run resumed after (0 for a fresh run). */
    public int resumedEpochs() {
        return resumedEpochs;
    }

    /** Deletes the checkpoint once the run it served is finished and its result written. */
    public void discard() {
        try {
            org.condense.io.FileTrees.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete checkpoint " + dir, e);
        }
    }

    private static void writeList(NDList list, OutputStream out) throws IOException {
        out.write(list.encode());
    }
}
