package org.condense.compress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.condense.UserException;
import org.condense.Version;
import org.condense.data.ImageDataset;
import org.condense.data.Normalization;
import org.condense.io.FileTrees;
import org.condense.io.FolderOwner;
import org.condense.io.OutputPaths;

/** Runs a compression method on a source training set and writes the result folder. */
public final class Compressor {

    private Compressor() {}

    /** The outcome: the manifest, and whether an identical existing result was reused. */
    public record Outcome(Manifest manifest, boolean reused) {}

    /** @param method from the method registry ({@code org.condense.methods.CompressionMethods}) */
    public static Outcome run(ImageDataset source, String sourceName, CompressionMethod method, int ipc, long seed,
            Map<String, String> options, Path out) {
        MethodOptions.check(method, options);
        if (ipc < 1) {
            throw new UserException("--ipc must be at least 1 image per class, got " + ipc);
        }
        if (source.height() != source.width()) {
            throw new UserException("source images must be square, got " + source.height() + "×" + source.width());
        }
        Map<String, String> sortedOptions = new TreeMap<>(options);
        // the dataset is written beside --out and renamed into place: both must be writable
        OutputPaths.requireWritableFolder(out, "--out");
        Path parent = out.toAbsolutePath().normalize().getParent();
        if (parent != null && Files.isDirectory(parent)) {
            OutputPaths.requireWritableFolder(parent, "--out's folder");
        }
        Path workDir = workDir(out);
        Manifest existing = existingManifest(out);
        if (existing != null) {
            Manifest wanted = header(sourceName, source, method, sortedOptions, Map.of(), ipc, seed, 1, null);
            // inputs are compared by content below: a moved scores file or teacher is still the same input
            if (existing.choices().equals(wanted.choices())) {
                requireSameInputs(existing, PinnedInput.of(method.needs(), sortedOptions), out);
                // a run killed after its rename but before this cleanup left the parts behind
                if (FolderOwner.liveOwner(workDir).isEmpty()) {
                    deleteQuietly(workDir);
                }
                return new Outcome(existing, true);
            }
            throw holdsAnother(out, existing);
        }
        claimWorkDir(workDir, out);
        long started = System.nanoTime();
        Manifest written;
        try {
            CompressionResult result = method.compress(new CompressionRequest(source, ipc, seed, sortedOptions, workDir));
            Normalization norm = Normalization.ofSource(source);
            Map<String, Object> parameters = new TreeMap<>(result.parameters());
            PinnedInput.of(method.needs(), sortedOptions).forEach(pin -> pin.record(parameters));
            // no path of this machine in the manifest: inputs relative to the dataset's folder, named by SHA-256
            Path folder = out.toAbsolutePath().normalize();
            // lazily made images (streamed batches, composites) are paid for while writing, so the clock stops after it
            Manifest header = header(sourceName, source, method, ManifestPaths.relativeOptions(folder, sortedOptions),
                    ManifestPaths.relativeParameters(folder, parameters), ipc, seed, result.factor(), norm);
            written = CompressedDatasetWriter.write(out, header, result.images(),
                    () -> result.resumedSeconds() + (System.nanoTime() - started) / 1e9);
        } catch (RuntimeException e) {
            deleteIfNothingDone(workDir); // e.g. a bad option or image: no finished part worth keeping
            throw e;
        }
        deleteQuietly(workDir);
        return new Outcome(written, false);
    }

    /**
     * Marks the work folder as this process's. A folder marked by a live process is refused (two
     * writers would mix their parts); one left by a dead process is taken over, its finished
     * parts reused.
     */
    private static void claimWorkDir(Path workDir, Path out) {
        java.util.Optional<Long> owner = FolderOwner.liveOwner(workDir);
        if (owner.isPresent() && owner.get() != ProcessHandle.current().pid()) {
            throw new UserException("another process (pid " + owner.get() + ") is writing --out " + out
                    + "; wait for it to finish, or stop it and rerun to continue its work");
        }
        try {
            FolderOwner.mark(workDir);
        } catch (java.io.IOException e) {
            throw new UserException("cannot write work folder " + workDir + " (" + e + "); free space or give a writable --out");
        }
    }

    private static void deleteIfNothingDone(Path workDir) {
        try (var entries = Files.list(workDir)) {
            if (entries.allMatch(p -> p.getFileName().toString().equals(FolderOwner.FILE))) {
                deleteQuietly(workDir);
            }
        } catch (java.io.IOException e) {
            // best effort, as below
        }
    }

    private static void deleteQuietly(Path workDir) {
        try {
            FileTrees.delete(workDir);
        } catch (java.io.IOException e) {
            // best effort: the dataset is complete; a leftover hidden folder is never read as a result
        }
    }

    /**
     * Where a method keeps finished parts of a run into {@code out} (e.g. each distilled class
     * batch): a hidden sibling, so a rerun after an interruption continues; removed when done.
     */
    public static Path workDir(Path out) {
        Path target = out.toAbsolutePath().normalize();
        return target.resolveSibling("." + target.getFileName() + ".partial");
    }

    private static Manifest header(String sourceName, ImageDataset source, CompressionMethod method,
            Map<String, String> options, Map<String, Object> parameters, int ipc, long seed, int factor,
            Normalization norm) {
        return new Manifest(Manifest.FORMAT, sourceName, source.size(), source.classNames(), method.name(), options,
                parameters, ipc, seed, source.height(), source.channels(), factor,
                norm == null ? null : norm.mean(), norm == null ? null : norm.std(), null, null, Version.get());
    }

    /**
     * The options name the scores file and teachers by path; their content is pinned by the
     * SHA-256 in the parameters. A result made from since-changed inputs is not the one asked for.
     */
    private static void requireSameInputs(Manifest existing, java.util.List<PinnedInput> pins, Path out) {
        Map<String, Object> p = existing.parameters() == null ? Map.of() : existing.parameters();
        for (PinnedInput pin : pins) {
            if (!pin.matches(p)) {
                throw new UserException("--out " + out + " was made with another version of the " + pin.role() + " "
                        + pin.file() + " (missing, or its SHA-256 has changed); delete --out or choose another to "
                        + "compress with the current one");
            }
        }
    }

    /**
     * The manifest of the compressed dataset already in {@code out}; null when {@code out} is
     * missing or empty. Any other content is refused: a run never writes over foreign files.
     */
    static Manifest existingManifest(Path out) {
        if (!Files.exists(out)) {
            return null;
        }
        if (CompressedDataset.isCompressedDataset(out)) {
            return CompressedDataset.readManifest(out.resolve("manifest.json"));
        }
        try (var entries = Files.list(out)) {
            if (entries.findAny().isPresent()) {
                throw new UserException("--out " + out + " exists and is not a compressed dataset; choose an empty or new folder");
            }
        } catch (java.io.IOException e) {
            throw new UserException("cannot read --out " + out + ": " + e.getMessage());
        }
        return null;
    }

    /** The error for an {@code out} that holds a compressed dataset other than the one asked for. */
    static UserException holdsAnother(Path out, Manifest existing) {
        return new UserException("--out " + out + " already holds a different compressed dataset (" + describe(existing)
                + "); choose another --out or delete it");
    }

    private static String describe(Manifest m) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("source", m.sourceDataset());
        d.put("method", m.method());
        d.put("ipc", m.ipc());
        d.put("seed", m.seed());
        return d.toString().replaceAll("[{}]", "");
    }
}
