package org.condense.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.condense.evaluate.ResultRecord;
import org.condense.evaluate.ResultRecords;

/**
 * Reads result records from bench stores (files) and {@code condense evaluate} folders alike. A run
 * found in several sources (a store filled with {@code --reuse} holds copies of the records it
 * reused) counts once: the first record with its key is kept.
 */
public final class ResultSources {
    private ResultSources() {}

    public static List<ResultRecord> read(List<Path> paths) {
        Map<String, ResultRecord> byKey = new LinkedHashMap<>();
        for (Path p : paths) {
            for (ResultRecord r : Files.isRegularFile(p) ? ResultStore.read(p) : ResultRecords.readAll(List.of(p))) {
                byKey.putIfAbsent(r.key(), r);
            }
        }
        return new ArrayList<>(byKey.values());
    }
}
