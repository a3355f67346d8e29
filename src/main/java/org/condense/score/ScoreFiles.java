package org.condense.score;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.condense.UserException;
import org.condense.io.AtomicFiles;

/**
 * The scores folder: {@code scores.csv} (index, label, one column per score), one {@code .npy}
 * per score, and {@code card.json}, all in dataset order. Each file is written atomically and
 * the card last, so a folder with a card has complete scores.
 */
public final class ScoreFiles {
    public static final String CSV = "scores.csv";
    public static final String CARD = "card.json";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ScoreFiles() {}

    public static void write(Path dir, Scores scores, ScoreCard card) {
        try {
            Files.createDirectories(dir);
            // the card goes first and comes back last: a folder with a card has the columns it describes
            Files.deleteIfExists(dir.resolve(CARD));
            AtomicFiles.write(dir.resolve(CSV), out -> writeCsv(scores, out));
            for (String name : scores.columns().keySet()) {
                AtomicFiles.write(dir.resolve(name + ".npy"), out -> out.write(Npy.encode(scores.column(name))));
            }
            AtomicFiles.write(dir.resolve(CARD), out -> JSON.writeValue(out, card));
        } catch (IOException e) {
            throw new UserException("cannot write scores to " + dir + " (" + e + "); free space or give a writable --out");
        }
    }

    /** Doubles in Java's shortest round-trip form, so reading the CSV back gives the same bits. */
    private static void writeCsv(Scores scores, java.io.OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
        List<String> names = List.copyOf(scores.columns().keySet());
        w.write("index,label," + String.join(",", names) + "\n");
        double[][] columns = names.stream().map(scores::column).toArray(double[][]::new);
        int[] labels = scores.labels();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < scores.size(); i++) {
            line.setLength(0);
            line.append(i).append(',').append(labels[i]);
            for (double[] c : columns) {
                line.append(',').append(c[i]);
            }
            w.write(line.append('\n').toString());
        }
        w.flush();
    }

    /** The card of the scores folder {@code dir}, or null when it holds none (scores from another tool). */
    public static ScoreCard card(Path dir) {
        Path file = dir.resolve(CARD);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            ScoreCard card = JSON.readValue(file.toFile(), ScoreCard.class);
            return card != null && ScoreCard.FORMAT.equals(card.format()) ? card : null;
        } catch (IOException e) {
            throw new UserException("scores card " + file + " is corrupt (" + e.getMessage().split("\n")[0]
                    + "); recompute the scores with `condense score`");
        }
    }
}
