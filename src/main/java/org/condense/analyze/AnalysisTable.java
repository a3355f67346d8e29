package org.condense.analyze;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.condense.UserException;
import org.condense.io.AtomicFiles;

/**
 * The result of one analysis as the report reads it: one JSON object with a title, the exact
 * command, the observer, column names and rows of strings and numbers (each row as long as
 * {@code columns}), and a sentence on how to read it.
 */
@JsonPropertyOrder({"analysis", "title", "command", "observer", "columns", "rows", "notes"})
public record AnalysisTable(String analysis, String title, String command, String observer, List<String> columns,
        List<List<Object>> rows, String notes) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public AnalysisTable {
        if (columns == null || rows == null) {
            throw new IllegalArgumentException("columns and rows are required");
        }
        columns = List.copyOf(columns);
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + row + " has " + row.size() + " cells for " + columns.size()
                        + " columns " + columns);
            }
        }
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }

    /** Writes the table atomically: a reader sees the old file or the complete new one. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, out -> JSON.writeValue(out, this));
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static AnalysisTable read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserException("no analysis table at " + file + "; write one with `condense analyze`");
        }
        try {
            return JSON.readValue(file.toFile(), AnalysisTable.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException("analysis table " + file + " is corrupt (" + e.getMessage().split("\n")[0] + ")");
        }
    }

    /** {@code x} rounded to {@code digits} decimals, for table cells (NaN and infinities unchanged). */
    public static double round(double x, int digits) {
        if (!Double.isFinite(x)) {
            return x;
        }
        return java.math.BigDecimal.valueOf(x).setScale(digits, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }
}
