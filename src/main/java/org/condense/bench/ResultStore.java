package org.condense.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.condense.UserException;
import org.condense.evaluate.ResultRecord;

/**
 * An append-only results store: a JSON-lines file, one {@link ResultRecord} per finished run.
 * Each append is one write of a whole line under an exclusive file lock, then forced to disk, so
 * several bench processes can share a store and a crash loses at most the run in flight.
 *
 * <p>A crash in the middle of an append leaves a last line without its newline. Opening the
 * store detects it, reports it, moves it to {@code <store>.torn-<n>} and cuts the store back to
 * its last whole line (that run is then redone). A broken line anywhere else is not a crash
 * artefact, so it is an error, never skipped.
 */
public final class ResultStore {
    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Map<String, ResultRecord> byKey = new LinkedHashMap<>();

    private ResultStore(Path file) {
        this.file = file;
    }

    /** Opens (or creates) a store for appending, repairing a torn last line. */
    public static ResultStore open(Path file, Consumer<String> log) {
        ResultStore store = new ResultStore(file);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    FileLock lock = ch.lock()) {
                byte[] bytes = Files.readAllBytes(file);
                int whole = lastNewline(bytes) + 1;
                if (whole < bytes.length) {
                    Path torn = tornFile(file);
                    // whole before the store is cut: a crash in between leaves the line in the store, not lost
                    org.condense.io.AtomicFiles.write(torn, out -> out.write(bytes, whole, bytes.length - whole));
                    ch.truncate(whole);
                    ch.force(true);
                    log.accept("store " + file + ": its last line was cut short (" + (bytes.length - whole)
                            + " bytes, a run interrupted while being saved); moved it to " + torn
                            + " and that run will be redone");
                }
                store.parse(new String(bytes, 0, whole, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UserException("cannot open results store " + file + ": " + e.getMessage());
        }
        return store;
    }

    /** Reads a store without changing it; a torn last line is an error here (open it with bench to repair). */
    public static List<ResultRecord> read(Path file) {
        ResultStore store = new ResultStore(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserException("no results store at " + file);
        } catch (IOException e) {
            throw new UserException("cannot read results store " + file + ": " + e.getMessage());
        }
        int whole = lastNewline(bytes) + 1;
        if (whole < bytes.length) {
            throw new UserException("results store " + file + " ends in a line cut short by a crash; rerun `condense bench` "
                    + "on it to move that line aside and redo its run");
        }
        store.parse(new String(bytes, StandardCharsets.UTF_8));
        return store.records();
    }

    private void parse(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            ResultRecord r;
            try {
                r = JSON.readValue(line, ResultRecord.class);
            } catch (IOException e) {
                throw new UserException("results store " + file + " line " + (i + 1) + " is not a result record ("
                        + String.valueOf(e.getMessage()).split("\n")[0] + "); the store was edited by hand or damaged: restore it, or "
                        + "delete that line to redo its run");
            }
            if (r.key() == null) {
                throw new UserException("results store " + file + " line " + (i + 1) + " has no key; delete that line to redo its run");
            }
            byKey.putIfAbsent(r.key(), r);
        }
    }

    public boolean contains(String key) {
        return byKey.containsKey(key);
    }

    public ResultRecord get(String key) {
        return byKey.get(key);
    }

    public List<ResultRecord> records() {
        return new ArrayList<>(byKey.values());
    }

    public Path file() {
        return file;
    }

    /**
     * Appends a record as one line, flushed and synced; a record whose key another process
     * appended meanwhile is not written twice.
     */
    public synchronized void append(ResultRecord record) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            // under the lock, so a record another process appended meanwhile is seen
            byte[] bytes = Files.readAllBytes(file);
            parse(new String(bytes, 0, lastNewline(bytes) + 1, StandardCharsets.UTF_8));
            if (!byKey.containsKey(record.key())) {
                ByteBuffer buf = ByteBuffer.wrap((JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8));
                ch.position(ch.size());
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
                byKey.put(record.key(), record);
            }
        } catch (IOException e) {
            throw new UserException("cannot append to results store " + file + " (" + e + "); free space or give a writable --store");
        }
    }

    /** Records other processes appended since this store was opened. */
    public synchronized void refresh() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read results store " + file, e);
        }
        parse(new String(bytes, 0, lastNewline(bytes) + 1, StandardCharsets.UTF_8));
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static Path tornFile(Path file) {
        for (int n = 1; ; n++) {
            Path p = file.resolveSibling(file.getFileName() + ".torn-" + n);
            if (!Files.exists(p)) {
                return p;
            }
        }
    }
}
