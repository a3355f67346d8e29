package org.condense.score;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.condense.UserException;
import org.condense.data.ImageDataset;

/**
 * Reads one score vector, from {@code condense score} or another tool, and checks it belongs to
 * the dataset it will select from: one finite value per sample, in dataset order, labels equal
 * (when the file has them), and the card's dataset (when there is a card) the same.
 *
 * <p>Accepted: a {@code .npy} 1-D vector (the file is the score), a {@code .csv} with a header
 * naming the score's column (optional {@code index} and {@code label} columns are checked), or a
 * scores folder (its {@code scores.csv}).
 */
public final class ScoreImport {
    private ScoreImport() {}

    /**
     * @param score name of the score wanted ({@link Scores#NAMES}); a CSV must have that column
     *     unless it has a single score column of another, unknown name
     */
    public static double[] read(Path file, String score, ImageDataset dataset) {
        Path path = resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new UserException("scores file " + path + " does not exist; compute scores with `condense score "
                    + "--dataset NAME --out DIR` and pass --scores DIR/" + ScoreFiles.CSV);
        }
        checkCard(path, dataset);
        String fileName = path.getFileName().toString().toLowerCase(Locale.ROOT);
        double[] values;
        if (fileName.endsWith(".npy")) {
            String stem = fileName.substring(0, fileName.length() - 4);
            if (Scores.NAMES.contains(stem) && !stem.equals(score)) {
                throw new UserException(path + " holds " + stem + " scores but " + score + " scores are needed; pass "
                        + path.resolveSibling(score + ".npy"));
            }
            values = Npy.decode(readAll(path), path.toString());
        } else if (fileName.endsWith(".csv")) {
            values = readCsv(path, score, dataset);
        } else {
            throw new UserException("scores file " + path + " is neither .npy nor .csv; pass the " + ScoreFiles.CSV
                    + " or a <score>.npy written by `condense score`");
        }
        validate(values, path, dataset);
        return values;
    }

    /** The file read for {@code file}: a scores folder stands for its {@code scores.csv}. */
    public static Path resolve(Path file) {
        return Files.isDirectory(file) ? file.resolve(ScoreFiles.CSV) : file;
    }

    private static void checkCard(Path path, ImageDataset dataset) {
        Path dir = path.toAbsolutePath().getParent();
        ScoreCard card = dir == null ? null : ScoreFiles.card(dir);
        if (card == null) {
            return;
        }
        if (!dataset.name().equals(card.dataset()) || card.datasetSize() != dataset.size()
                || !dataset.classNames().equals(card.classes())) {
            throw new UserException("scores in " + dir + " were computed on " + card.dataset() + " (" + card.datasetSize()
                    + " images) but --dataset is " + dataset.name() + " (" + dataset.size() + " images); compute "
                    + "scores for this dataset with `condense score --dataset " + dataset.name() + "`");
        }
    }

    private static void validate(double[] values, Path path, ImageDataset dataset) {
        if (values.length != dataset.size()) {
            throw new UserException("scores file " + path + " has " + values.length + " values but " + dataset.name()
                    + " has " + dataset.size() + " training images; scores must hold one value per image, in dataset order");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new UserException("scores file " + path + " has a non-finite score (" + values[i] + " at sample "
                        + i + "); recompute the scores (a diverged run?) or fix the file");
            }
        }
    }

    private static double[] readCsv(Path path, String score, ImageDataset dataset) {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new UserException("scores file " + path + " is empty");
            }
            List<String> names = Arrays.stream(header.split(",", -1)).map(ScoreImport::unquote).toList();
            int column = column(names, score, path);
            int index = names.indexOf("index");
            int label = names.indexOf("label");
            List<Double> values = new ArrayList<>();
            String line;
            int row = 0;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != names.size()) {
                    throw new UserException(path + " line " + (row + 2) + " has " + cells.length + " fields, the header "
                            + names.size());
                }
                if (index >= 0 && number(cells[index], path, row) != row) {
                    throw new UserException(path + " line " + (row + 2) + " has index " + cells[index].trim()
                            + ", expected " + row + "; scores must be in dataset order");
                }
                if (label >= 0 && row < dataset.size() && number(cells[label], path, row) != dataset.label(row)) {
                    throw new UserException(path + " gives sample " + row + " label " + cells[label].trim() + " but "
                            + dataset.name() + " has label " + dataset.label(row) + "; the scores are for another "
                            + "dataset or not in dataset order");
                }
                values.add(number(cells[column], path, row));
                row++;
            }
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        } catch (IOException e) {
            throw new UserException("cannot read scores file " + path + ": " + e.getMessage());
        }
    }

    private static int column(List<String> names, String score, Path path) {
        int at = names.indexOf(score);
        if (at >= 0) {
            return at;
        }
        List<String> others = names.stream().filter(n -> !n.equals("index") && !n.equals("label")).toList();
        if (others.size() == 1 && !Scores.NAMES.contains(others.get(0))) {
            return names.indexOf(others.get(0));
        }
        throw new UserException("scores file " + path + " has no '" + score + "' column (columns: "
                + String.join(", ", names) + ")");
    }

    private static double number(String cell, Path path, int row) {
        String s = cell.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "nan":
                return Double.NaN;
            case "inf", "+inf", "infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new UserException(path + " line " + (row + 2) + ": '" + cell + "' is not a number");
                }
        }
    }

    private static String unquote(String name) {
        String n = name.trim();
        if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
            n = n.substring(1, n.length() - 1);
        }
        return n.toLowerCase(Locale.ROOT);
    }

    private static byte[] readAll(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UserException("cannot read scores file " + path + ": " + e.getMessage());
        }
    }
}
