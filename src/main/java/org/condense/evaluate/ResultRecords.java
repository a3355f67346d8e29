package org.condense.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.condense.UserException;

/** Reads the result records that {@code condense evaluate} wrote into folders, in file-name order. */
public final class ResultRecords {
    private ResultRecords() {}

    public static List<ResultRecord> readAll(List<Path> dirs) {
        List<ResultRecord> records = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new UserException("no results folder at " + dir + " (give the --out folder of `condense evaluate`)");
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
            } catch (IOException e) {
                throw new UserException("cannot list " + dir + ": " + e.getMessage());
            }
            for (Path f : files) {
                try {
                    records.add(EvaluationRunner.JSON.readValue(f.toFile(), ResultRecord.class));
                } catch (IOException e) {
                    throw new UserException("result record " + f + " is not readable (" + String.valueOf(e.getMessage()).split("\n")[0]
                            + "); delete it and rerun `condense evaluate` to redo that run");
                }
            }
        }
        return records;
    }
}
