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
import java.util.stream.Stream;
import org.condense.io.AtomicFiles;
import org.condense.io.FileTrees;
import org.condense.io.FolderOwner;

/**
 * Saves the model and optimiser after each epoch so that an interrupted run resumes where it
 * stopped. A checkpoint is a set of files (model, optimiser, attached state such as score
 * accumulators, and the epoch marker) that must change together: each is written into a fresh
 * folder, which a one-line {@code current} file then names (an atomic rename), and only after that
 * switch is the previous folder deleted. A reader thus always sees one complete checkpoint; a
 * crash mid-save leaves the previous one in force. The marker also carries the seconds spent up to
 * that epoch, so a resumed run still reports what the whole run cost.
 */
public final class Checkpoints {
    /** Names the folder of the checkpoint in force. */
    static final String CURRENT = "current";
    static final String MARKER = "checkpoint.txt";
    private static final String TMP_PREFIX = ".tmp-";

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
        // unique per save, so the folder in force is never the one being replaced
        String name = String.format("epoch-%05d-%d-%x", epoch, ProcessHandle.current().pid(), now);
        Path tmp = dir.resolve(TMP_PREFIX + name);
        try {
            Files.createDirectories(dir);
            FileTrees.delete(tmp);
            FolderOwner.mark(tmp);
            AtomicFiles.writeDurably(tmp.resolve("model.params"), out -> model.saveParameters(new DataOutputStream(out)));
            AtomicFiles.writeDurably(tmp.resolve("optimizer.ndlist"), out -> writeList(optimizer.state(), out));
            for (Map.Entry<String, State> a : attachments.entrySet()) {
                AtomicFiles.writeDurably(tmp.resolve(a.getKey()), a.getValue()::save);
            }
            double spent = priorSeconds + (System.nanoTime() - openedAt) / 1e9;
            AtomicFiles.writeDurably(tmp.resolve(MARKER),
                    (runKey + "\n" + epoch + "\n" + spent + "\n").getBytes(StandardCharsets.UTF_8));
            FolderOwner.unmark(tmp);
            Path folder = dir.resolve(name);
            AtomicFiles.move(tmp, folder);
            AtomicFiles.syncFolder(dir);
            // the switch: until this rename lands, the previous checkpoint is the one in force
            AtomicFiles.writeString(dir.resolve(CURRENT), name + "\n");
            deleteAllBut(name);
        } catch (IOException e) {
            throw new UserException("cannot write checkpoint in " + dir + " (" + e + "); free space or give a writable --out");
        }
    }

    /**
     * The folder of the checkpoint in force under {@code dir}, or null if there is none. A folder
     * of the layout before checkpoints were switched as a set (files directly in {@code dir}) is
     * its own checkpoint.
     */
    public static Path current(Path dir) {
        try {
            Path pointer = dir.resolve(CURRENT);
            if (Files.isRegularFile(pointer)) {
                Path folder = dir.resolve(Files.readString(pointer, StandardCharsets.UTF_8).trim());
                if (!folder.getParent().equals(dir) || !Files.isRegularFile(folder.resolve(MARKER))) {
                    throw new UserException("checkpoint in " + dir + " names a missing folder " + folder.getFileName()
                            + "; delete " + dir + " to start over");
                }
                return folder;
            }
            return Files.isRegularFile(dir.resolve(MARKER)) ? dir : null;
        } catch (IOException e) {
            throw new UserException("checkpoint in " + dir + " is unreadable (" + e.getMessage()
                    + "); delete that folder to start over");
        }
    }

    /**
     * Makes the checkpoint in force under {@code dir} one of the run now keyed {@code runKey} (after
     * a change of how run keys are computed, so the run resumes instead of starting over). The
     * marker is replaced atomically; the model and optimiser files are untouched.
     */
    public static void rekey(Path dir, String runKey) throws IOException {
        Path folder = current(dir);
        if (folder == null) {
            return;
        }
        String[] lines = Files.readString(folder.resolve(MARKER), StandardCharsets.UTF_8).split("\n", -1);
        lines[0] = runKey;
        AtomicFiles.writeString(folder.resolve(MARKER), String.join("\n", lines));
    }

    /** Loads the last checkpoint of this run, if any; returns the epoch to start from. */
    public int resume(Block model, Optimizer optimizer, NDManager manager) {
        Path folder = Files.isDirectory(dir) ? current(dir) : null;
        if (folder == null) {
            return 0;
        }
        Path marker = folder.resolve(MARKER);
        try {
            String[] lines = Files.readString(marker, StandardCharsets.UTF_8).split("\n");
            if (lines.length < 2 || !lines[0].equals(runKey)) {
                return 0;
            }
            int epoch = Integer.parseInt(lines[1].trim());
            // checkpoints written before the seconds were recorded have two lines
            double spent = lines.length > 2 ? Double.parseDouble(lines[2].trim()) : 0;
            try (InputStream in = Files.newInputStream(folder.resolve("model.params"))) {
                model.loadParameters(manager, new DataInputStream(in));
            }
            // loaded arrays are fresh tensors: re-attach gradients to the trainable ones
            for (ai.djl.nn.Parameter p : TrainingLoop.trainableParameters(model)) {
                p.getArray().setRequiresGradient(true);
            }
            try (InputStream in = Files.newInputStream(folder.resolve("optimizer.ndlist"))) {
                NDList state = NDList.decode(manager, in.readAllBytes());
                optimizer.loadState(state);
                state.close();
            }
            for (Map.Entry<String, State> a : attachments.entrySet()) {
                try (InputStream in = Files.newInputStream(folder.resolve(a.getKey()))) {
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

    /**
     * Removes what the checkpoint in force does not need: earlier checkpoints, files of the old
     * layout, and unfinished saves of processes that are gone (a live one may still be writing).
     */
    private void deleteAllBut(String keep) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            for (Path p : (Iterable<Path>) children::iterator) {
                String n = p.getFileName().toString();
                if (n.equals(keep) || n.equals(CURRENT) || n.startsWith(".")) {
                    continue; // hidden: saves in progress, handled below
                }
                if (Files.isDirectory(p)) {
                    FileTrees.delete(p);
                } else {
                    Files.deleteIfExists(p);
                }
            }
        }
        FolderOwner.deleteAbandoned(dir, TMP_PREFIX);
    }

    private static void writeList(NDList list, OutputStream out) throws IOException {
        out.write(list.encode());
    }
}
