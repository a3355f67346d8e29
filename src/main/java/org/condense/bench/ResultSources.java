package org.condense.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.condense.evaluate.ResultRecord;
import org.condense.evaluate.ResultRecords;

/** Reads result records from bench stores (files) and {@code condense evaluate} folders alike. */
public final class ResultSources {
    private ResultSources() {}

    public static List<ResultRecord> read(List<Path> paths) {
        List<ResultRecord> all = new ArrayList<>();
        for (Path p : paths) {
            all.addAll(Files.isRegularFile(p) ? ResultStore.read(p) : ResultRecords.readAll(List.of(p)));
        }
        return all;
    }
}
