package org.condense.evaluate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.condense.UserException;
import org.condense.io.AtomicFiles;
import org.condense.io.FileClaim;
import org.condense.io.FileTrees;
import org.condense.train.Checkpoints;

/**
 * Brings an {@code evaluate --out} folder made before runs were named by content up to date, for
 * the runs of one evaluate command (its data, protocol, network, teachers and seeds): each seed's
 * record, found under the key the run had then, is written under today's key (the teacher's path
 * in it becomes the SHA-256 of its weights) and the old file removed; a checkpoint of a run in
 * progress is renamed to today's key, so the run resumes rather than start over.
 *
 * <p>Each step is atomic (the new record is complete on disk before the old one goes; a checkpoint
 * folder is renamed whole) and a second migration, or one after a crash mid-way, finishes the
 * work or changes nothing. A run another process holds is refused.
 */
public final class OutFolderMigration {
    /** What a migration did. */
    public record Summary(int seeds, int records, int current, int checkpoints) {
        public String line(Path out) {
            return String.format("migrated %s: %d seed(s), %d record(s) rekeyed, %d already current, "
                    + "%d checkpoint(s) renamed", out, seeds, records, current, checkpoints);
        }
    }

    private final EvaluationRunner.Plan plan;
    private final Path out;
    private final List<Long> seeds;

    /** @param plan the evaluate command's plan, as {@link EvaluationRunner#plan} checks it */
    public OutFolderMigration(EvaluationRunner.Plan plan, Path out, List<Long> seeds) {
        this.plan = plan;
        this.out = out;
        this.seeds = List.copyOf(seeds);
    }

    public Summary run() {
        if (!Files.isDirectory(out)) {
            throw new UserException("--out " + out + " is not a folder; give the folder of result records to migrate");
        }
        Path checkpoints = out.resolve(EvaluationRunner.CHECKPOINT_FOLDER);
        int records = 0;
        int current = 0;
        int renamed = 0;
        for (long seed : seeds) {
            String key = plan.key(seed);
            List<String> old = new ArrayList<>(plan.legacyKeys(seed));
            old.remove(key);
            List<FileClaim> claims = new ArrayList<>();
            try {
                // as a run does: its claim first, so no evaluate writes what is being moved
                for (String k : withFirst(key, old)) {
                    FileClaim c = FileClaim.tryTake(checkpoints.resolve(k + ".lock"));
                    if (c == null) {
                        throw new UserException("another process is evaluating seed " + seed + " into " + out
                                + "; let it finish or stop it, then migrate");
                    }
                    claims.add(c);
                }
                Path target = plan.recordFile(out, seed, key);
                boolean hadRecord = Files.isRegularFile(target);
                boolean moved = false;
                for (String k : old) {
                    moved |= moveRecord(plan.recordFile(out, seed, k), target, key);
                    renamed += moveCheckpoint(checkpoints.resolve(k), checkpoints.resolve(key), key) ? 1 : 0;
                }
                records += moved && !hadRecord ? 1 : 0;
                current += hadRecord ? 1 : 0;
            } catch (IOException e) {
                throw new UserException("cannot migrate seed " + seed + " in " + out + " (" + e + "); check it is writable");
            } finally {
                claims.forEach(FileClaim::closeAndDelete);
            }
        }
        try {
            Files.deleteIfExists(checkpoints); // --out holds only records once nothing is in progress
        } catch (IOException e) {
            // not empty: a run in progress keeps its checkpoint there
        }
        return new Summary(seeds.size(), records, current, renamed);
    }

    private static List<String> withFirst(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    /**
     * Writes the record of {@code from} under today's key to {@code to} (durably), then removes
     * {@code from}; a record already at {@code to} (an earlier migration, or a run since) is kept.
     * True if there was an old record.
     */
    private boolean moveRecord(Path from, Path to, String key) throws IOException {
        if (!Files.isRegularFile(from)) {
            return false;
        }
        if (!Files.isRegularFile(to)) {
            ObjectNode r;
            try {
                r = (ObjectNode) EvaluationRunner.JSON.readTree(from.toFile());
            } catch (IOException | ClassCastException e) {
                throw new UserException("result " + from + " is corrupt (" + e.getMessage().split("\n")[0]
                        + "); delete it to rerun that seed");
            }
            r.put("key", key);
            String teacher = plan.recordTeacher();
            if (teacher != null && r.hasNonNull("teacher") && !r.get("teacher").asText().startsWith("sha256:")) {
                r.put("teacher", teacher); // the path it was read from, as today's records name it: by content
            }
            byte[] bytes = EvaluationRunner.JSON.writeValueAsBytes(r);
            AtomicFiles.writeDurably(to, bytes);
        }
        Files.delete(from);
        AtomicFiles.syncFolder(to.getParent());
        return true;
    }

    /**
     * Renames a checkpoint folder of an unfinished run to today's key. One already there is the run
     * to resume (started since under today's key): the old one, superseded, is removed.
     */
    private static boolean moveCheckpoint(Path from, Path to, String key) throws IOException {
        if (!Files.isDirectory(from)) {
            return false;
        }
        if (Files.exists(to)) {
            FileTrees.delete(from);
            return false;
        }
        Checkpoints.rekey(from, key); // the key inside first: a crash before the rename leaves a folder a rerun renames
        AtomicFiles.move(from, to);
        AtomicFiles.syncFolder(to.getParent());
        return true;
    }
}
