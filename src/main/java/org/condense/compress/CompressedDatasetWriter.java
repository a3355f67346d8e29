package org.condense.compress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.condense.io.AtomicFiles;
import org.condense.io.Png;

/**
 * Writes a compressed dataset folder: PNGs under {@code images/<5-digit class>/} and
 * {@code manifest.json}. Everything is written into a temporary sibling folder that is renamed
 * to the target at the end, so an interrupted run leaves no folder that looks complete.
 */
public final class CompressedDatasetWriter {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CompressedDatasetWriter() {}

    /**
     * @param header the manifest without images and bytes (those are filled in here)
     * @return the manifest as written
     */
    public static Manifest write(Path out, Manifest header, List<CompressedImage> images) {
        Path target = out.toAbsolutePath().normalize();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            deleteRecursively(tmp);
            Files.createDirectories(tmp);
            int[] nextId = new int[header.classes().size()];
            List<Manifest.Entry> entries = new ArrayList<>();
            long bytes = 0;
            for (CompressedImage img : images) {
                String file = String.format("images/%05d/%05d.png", img.label(), nextId[img.label()]++);
                byte[] png = Png.encode(img.pixels(), header.channels(), header.resolution(), header.resolution());
                Path path = tmp.resolve(file);
                Files.createDirectories(path.getParent());
                Files.write(path, png);
                bytes += png.length;
                entries.add(new Manifest.Entry(file, img.label(), img.sources()));
            }
            Manifest manifest = new Manifest(header.format(), header.sourceDataset(), header.sourceSize(),
                    header.classes(), header.method(), header.options(), header.parameters(), header.ipc(), header.seed(),
                    header.resolution(), header.channels(), header.factor(), header.mean(), header.std(), entries,
                    new Manifest.Storage(bytes, 0), header.codeVersion());
            AtomicFiles.write(tmp.resolve("manifest.json"), o -> JSON.writeValue(o, manifest));
            if (Files.exists(target)) {
                deleteRecursively(target);
            }
            AtomicFiles.move(tmp, target);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write compressed dataset to " + target, e);
        } finally {
            try {
                deleteRecursively(tmp);
            } catch (IOException ignored) {
                // best effort: a leftover hidden temp folder is harmless and never read
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
