package org.condense.compress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.condense.data.Png;
import org.condense.UserException;
import org.condense.io.AtomicFiles;
import org.condense.io.FileTrees;
import org.condense.io.FolderOwner;

/**
 * Writes a compressed dataset folder: PNGs under {@code images/<5-digit class>/} and
 * {@code manifest.json}. Everything is written into a temporary sibling folder that is renamed
 * to the target at the end, so an interrupted run leaves no folder that looks complete. Every
 * file is forced to disk before the rename, and the temporary folder names its owner process, so
 * a later run removes the folders of writers that died.
 */
public final class CompressedDatasetWriter {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** What making the dataset cost, beside its manifest. */
    public static final String COST_FILE = "cost.json";

    private CompressedDatasetWriter() {}

    /**
     * @param compressSeconds wall-clock seconds, summed over the processes of a resumed run; shared
     *     inputs (a scoring run, the teacher) are not included
     * @param availableProcessors the processors the JVM saw
     * @param ompNumThreads the environment's {@code OMP_NUM_THREADS}, or null if unset
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Cost(double compressSeconds, int availableProcessors, String ompNumThreads,
            org.condense.Provenance provenance) {}

    /**
     * @param header the manifest without images and bytes (those are filled in here)
     * @return the manifest as written
     */
    public static Manifest write(Path out, Manifest header, List<CompressedImage> images) {
        return write(out, header, images, null);
    }

    /**
     * As {@link #write(Path, Manifest, List)}, plus {@value #COST_FILE}: the seconds the dataset took
     * to make, read once the images are written (lazily made images are paid for here) and the
     * threads it had, with the provenance of the build that made it (commit, engine versions, device,
     * time). It sits beside the manifest rather than in it, so that the same config and seed still
     * give a byte-identical manifest (stored soft labels pin the manifest by its SHA-256).
     *
     * @param seconds the making's wall-clock seconds so far, or null to write no cost file
     */
    public static Manifest write(Path out, Manifest header, List<CompressedImage> images, DoubleSupplier seconds) {
        Path target = out.toAbsolutePath().normalize();
        String tmpPrefix = "." + target.getFileName() + ".tmp-";
        Path tmp = target.resolveSibling(tmpPrefix + ProcessHandle.current().pid());
        try {
            // temp folders of processes that died mid-write are never finished: remove them
            FolderOwner.deleteAbandoned(target.getParent(), tmpPrefix);
            FileTrees.delete(tmp);
            FolderOwner.mark(tmp);
            int[] nextId = new int[header.classes().size()];
            List<Manifest.Entry> entries = new ArrayList<>();
            java.util.Set<Path> folders = new java.util.LinkedHashSet<>();
            long bytes = 0;
            for (CompressedImage img : images) {
                String file = String.format("images/%05d/%05d.png", img.label(), nextId[img.label()]++);
                byte[] png = Png.encode(img.pixels(), header.channels(), header.resolution(), header.resolution());
                Path path = tmp.resolve(file);
                if (folders.add(path.getParent())) {
                    Files.createDirectories(path.getParent());
                }
                // forced to disk: after the folder's rename, a crash must not leave empty images behind it
                AtomicFiles.writeDurably(path, png);
                bytes += png.length;
                entries.add(new Manifest.Entry(file, img.label(), img.sources()));
            }
            Manifest manifest = new Manifest(header.format(), header.sourceDataset(), header.sourceSize(),
                    header.classes(), header.method(), header.options(), header.parameters(), header.ipc(), header.seed(),
                    header.resolution(), header.channels(), header.factor(), header.mean(), header.std(), entries,
                    new Manifest.Storage(bytes, 0), header.codeVersion());
            if (seconds != null) {
                Cost cost = new Cost(seconds.getAsDouble(), Runtime.getRuntime().availableProcessors(),
                        System.getenv("OMP_NUM_THREADS"), org.condense.Provenance.now());
                AtomicFiles.write(tmp.resolve(COST_FILE), o -> JSON.writeValue(o, cost));
            }
            AtomicFiles.write(tmp.resolve("manifest.json"), o -> JSON.writeValue(o, manifest));
            FolderOwner.unmark(tmp);
            for (Path folder : folders) {
                AtomicFiles.syncFolder(folder);
            }
            AtomicFiles.syncFolder(tmp.resolve("images"));
            AtomicFiles.syncFolder(tmp);
            if (Files.exists(target)) {
                FileTrees.delete(target);
            }
            AtomicFiles.move(tmp, target);
            AtomicFiles.syncFolder(target.getParent());
            return manifest;
        } catch (IOException e) {
            throw new UserException("cannot write compressed dataset to " + target + " (" + e
                    + "); free space or give a writable --out");
        } finally {
            try {
                FileTrees.delete(tmp);
            } catch (IOException ignored) {
                // best effort: a leftover hidden temp folder is harmless and never read
            }
        }
    }
}
