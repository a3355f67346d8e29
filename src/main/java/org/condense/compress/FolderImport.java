package org.condense.compress;

import java.nio.file.Path;
import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.condense.Version;
import org.condense.data.ExternalData;
import org.condense.data.ExternalFolder;
import org.condense.data.ImageDataset;

/**
 * Turns images another tool made ({@link ExternalData}) into a compressed dataset, so that
 * evaluate, bench and report treat it like any other: PNGs at the test set's resolution, method
 * {@value #METHOD}, no source indices (they are unknown), the original files named relative to
 * the folder, and the folder's content hash as an option so that two different folders never
 * share a key.
 */
public final class FolderImport {
    public static final String METHOD = "import";

    private FolderImport() {}

    /** @return the manifest written, or the one already in {@code out} if it is the same import */
    public static Compressor.Outcome run(ExternalData ext, Path out) {
        ExternalFolder folder = ext.folder();
        ImageDataset images = folder.dataset();
        Map<String, String> options = new TreeMap<>();
        options.put("label", ext.label());
        options.put("folder_sha256", folder.content().sha256());
        if (ext.factor() > 1) {
            options.put("factor", String.valueOf(ext.factor()));
        }
        Map<String, Object> parameters = new TreeMap<>();
        parameters.put("class_folders", new LinkedHashMap<>(folder.mapping().classOf()));
        parameters.put("class_folders_numbered", folder.mapping().numbered());
        parameters.put("original_files", folder.files());
        parameters.put("original_bytes", folder.content().bytes());
        Manifest header = new Manifest(Manifest.FORMAT, ext.test(), ext.sourceSize(), images.classNames(), METHOD,
                options, parameters, folder.ipc(), 0, images.height(), images.channels(), ext.factor(),
                ext.normalization().mean(), ext.normalization().std(), null, null, Version.get());
        Manifest existing = Compressor.existingManifest(out);
        if (existing != null) {
            if (existing.key().equals(header.key())) {
                return new Compressor.Outcome(existing, true);
            }
            throw Compressor.holdsAnother(out, existing);
        }
        // decoded one at a time while writing: memory stays at one image whatever the folder's size
        List<CompressedImage> lazy = new AbstractList<>() {
            @Override
            public CompressedImage get(int index) {
                byte[] pixels = new byte[images.imageBytes()];
                images.readImage(index, pixels);
                return new CompressedImage(images.label(index), pixels, new int[0]);
            }

            @Override
            public int size() {
                return images.size();
            }
        };
        return new Compressor.Outcome(CompressedDatasetWriter.write(out, header, lazy), false);
    }
}
