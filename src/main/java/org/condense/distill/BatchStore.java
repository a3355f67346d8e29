package org.condense.distill;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.condense.compress.CompressedImage;
import org.condense.io.AtomicFiles;

/**
 * The finished batches of a distillation run, one file each ({@code batch-00003.bin}) in the
 * compressor's work folder, so that a rerun skips them. {@code key.txt} names the run (method,
 * resolved parameters, teacher weights, seed, data, code version): a folder left by another run
 * is emptied first. Without a folder (direct calls), batches are kept in memory. Each file also
 * records the seconds its batch took, so a resumed run can report what the whole run cost.
 *
 * <p>State a method needs to continue after a batch (e.g. G-VBSM's running statistics) is saved
 * inside that batch's file, never beside it: one file, renamed into place, so a batch and its
 * state appear together or not at all.
 */
final class BatchStore {
    private static final int MAGIC = 0x434F4E33; // "CON3": magic, seconds, side state, images
    private static final int MAGIC_V2 = 0x434F4E32; // "CON2": magic, seconds, images (no side state)

    private final Path dir;
    private final Map<Integer, List<CompressedImage>> memory = new HashMap<>();
    private final Map<Integer, Map<String, byte[]>> memoryState = new HashMap<>();
    private long lastSave = System.nanoTime();
    private double resumedSeconds;

    BatchStore(Path dir, String key) {
        this.dir = dir;
        if (dir == null) {
            return;
        }
        try {
            Path keyFile = dir.resolve("key.txt");
            if (Files.exists(dir) && !(Files.isRegularFile(keyFile) && Files.readString(keyFile).equals(key))) {
                clearKeepingOwner();
            }
            Files.createDirectories(dir);
            if (!Files.isRegularFile(keyFile)) {
                AtomicFiles.writeString(keyFile, key);
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files.filter(f -> f.getFileName().toString().startsWith("batch-"))::iterator) {
                    resumedSeconds += secondsOf(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare work folder " + dir, e);
        }
    }

    /** Empties the folder but keeps the mark of the process that owns it. */
    private void clearKeepingOwner() throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            for (Path p : (Iterable<Path>) children::iterator) {
                if (!p.getFileName().toString().equals(org.condense.io.FolderOwner.FILE)) {
                    org.condense.io.FileTrees.delete(p);
                }
            }
        }
    }

    boolean has(int batch) {
        return dir == null ? memory.containsKey(batch) : Files.isRegularFile(file(batch));
    }

    /** Seconds that earlier processes spent on the batches this store found finished. */
    double resumedSeconds() {
        return resumedSeconds;
    }

    /** Saves a finished batch with the seconds since the previous save (or since the store was opened). */
    void save(int batch, List<CompressedImage> images) {
        save(batch, images, Map.of());
    }

    /** As {@link #save(int, List)}, with named side state that {@link #state} returns for this batch. */
    void save(int batch, List<CompressedImage> images, Map<String, byte[]> state) {
        long now = System.nanoTime();
        double seconds = (now - lastSave) / 1e9;
        lastSave = now;
        if (dir == null) {
            memory.put(batch, List.copyOf(images));
            memoryState.put(batch, Map.copyOf(state));
            return;
        }
        try {
            AtomicFiles.write(file(batch), raw -> {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
                out.writeInt(MAGIC);
                out.writeDouble(seconds);
                out.writeInt(state.size());
                for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(state).entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue().length);
                    out.write(e.getValue());
                }
                out.writeInt(images.size());
                for (CompressedImage img : images) {
                    out.writeInt(img.label());
                    out.writeInt(img.sources().length);
                    for (int s : img.sources()) {
                        out.writeInt(s);
                    }
                    out.writeInt(img.pixels().length);
                    out.write(img.pixels());
                }
                out.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save batch " + batch + " to " + dir, e);
        }
    }

    /** The side state {@code name} saved with a finished batch, or null if that batch has none. */
    byte[] state(int batch, String name) {
        if (dir == null) {
            return memoryState.getOrDefault(batch, Map.of()).get(name);
        }
        try (InputStream raw = Files.newInputStream(file(batch));
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            return readState(in).get(name);
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads the header up to the images: the side state by name (none in a file of the older format). */
    private static Map<String, byte[]> readState(DataInputStream in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC && magic != MAGIC_V2) {
            throw new IOException("not a batch file");
        }
        in.readDouble(); // seconds
        Map<String, byte[]> state = new HashMap<>();
        if (magic == MAGIC) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                state.put(name, bytes);
            }
        }
        return state;
    }

    List<CompressedImage> load(int batch) {
        if (dir == null) {
            return memory.get(batch);
        }
        try (InputStream raw = Files.newInputStream(file(batch));
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            readState(in);
            int n = in.readInt();
            List<CompressedImage> images = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int label = in.readInt();
                int[] sources = new int[in.readInt()];
                for (int s = 0; s < sources.length; s++) {
                    sources[s] = in.readInt();
                }
                byte[] pixels = new byte[in.readInt()];
                in.readFully(pixels);
                images.add(new CompressedImage(label, pixels, sources));
            }
            return images;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read finished batch " + file(batch)
                    + "; delete the folder " + dir + " to start over", e);
        }
    }

    /**
     * All images of batches {@code 0..sizes.length-1} in order, read from disk batch by batch as
     * the list is walked (the writer streams them; nothing holds the whole dataset in memory).
     */
    List<CompressedImage> images(int[] sizes) {
        int[] starts = new int[sizes.length + 1];
        for (int b = 0; b < sizes.length; b++) {
            starts[b + 1] = starts[b] + sizes[b];
        }
        return new AbstractList<>() {
            private int cachedBatch = -1;
            private List<CompressedImage> cached;

            @Override
            public CompressedImage get(int index) {
                if (index < 0 || index >= starts[sizes.length]) {
                    throw new IndexOutOfBoundsException(index);
                }
                int b = 0;
                while (starts[b + 1] <= index) {
                    b++;
                }
                if (b != cachedBatch) {
                    cached = load(b);
                    cachedBatch = b;
                    if (cached.size() != sizes[b]) {
                        throw new IllegalStateException("batch " + b + " holds " + cached.size() + " images, expected "
                                + sizes[b]);
                    }
                }
                return cached.get(index - starts[b]);
            }

            @Override
            public int size() {
                return starts[sizes.length];
            }
        };
    }

    private double secondsOf(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int magic = in.readInt();
            if (magic != MAGIC && magic != MAGIC_V2) {
                throw new IOException("not a batch file: " + file + "; delete the folder " + dir + " to start over");
            }
            return in.readDouble();
        }
    }

    private Path file(int batch) {
        return dir.resolve(String.format("batch-%05d.bin", batch));
    }

    static String keyOf(Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            sb.append(p).append('\n');
        }
        return org.condense.io.Hashing.sha256(sb.toString());
    }
}
