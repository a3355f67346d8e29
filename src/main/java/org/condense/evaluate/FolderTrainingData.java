package org.condense.evaluate;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.condense.compress.TrainingData;
import org.condense.data.ExternalData;

/**
 * The training side of a run on images another tool made ({@link ExternalData}): recorded as
 * method {@value #METHOD} with the folder's label, named by content so that the record holds no
 * path and moving the folder keeps its key.
 */
final class FolderTrainingData {
    static final String METHOD = "folder";

    private FolderTrainingData() {}

    static TrainingData of(ExternalData ext) {
        Map<String, Object> options = new TreeMap<>();
        options.put("label", ext.label());
        if (ext.factor() > 1) {
            options.put("factor", ext.factor());
        }
        // the method with its options, as Manifest.variant() writes it: tables keep each folder apart
        String variant = METHOD + options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",", "[", "]"));
        Map<String, Object> identity = new TreeMap<>(options);
        identity.put("method", METHOD);
        identity.put("test", ext.test());
        identity.put("factor", ext.factor());
        identity.put("folder_sha256", ext.folder().content().sha256());
        return new TrainingData(TrainingData.cached(ext.dataset()), ext.label(), ext.test(), METHOD,
                variant, ext.folder().ipc(), 0, ext.factor(), ext.normalization(),
                ext.folder().content().bytes(), 0, identity);
    }
}
