package org.condense.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.condense.ToyDataset;
import org.condense.UserException;
import org.condense.data.InMemoryDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreImportTest {
    private final InMemoryDataset toy = ToyDataset.balanced(2, 3, 1, 4); // labels 0,1,0,1,0,1

    static Scores scores(int[] labels) {
        Map<String, double[]> columns = new LinkedHashMap<>();
        double[] el2n = new double[labels.length];
        double[] forgetting = new double[labels.length];
        double[] aum = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            el2n[i] = 0.1 * i + 1e-17 * i; // values with many digits: the CSV must keep every bit
            forgetting[i] = i % 3;
            aum[i] = -Math.PI / (i + 1);
        }
        columns.put(Scores.EL2N, el2n);
        columns.put(Scores.FORGETTING, forgetting);
        columns.put(Scores.AUM, aum);
        return new Scores(labels, columns);
    }

    static ScoreCard card(String dataset, int size, List<String> classes) {
        return new ScoreCard(ScoreCard.FORMAT, dataset, size, classes, null, "score-sgd", null, 3, 2, 1, List.of(0L),
                "seen", "logits", List.of(0.5), Scores.NAMES, "key", 1.0, "test");
    }

    private Scores toyScores() {
        int[] labels = new int[toy.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = toy.label(i);
        }
        return scores(labels);
    }

    @Test
    void writtenScoresReadBackBitForBitFromCsvNpyAndFolder(@TempDir Path dir) {
        Scores s = toyScores();
        ScoreFiles.write(dir, s, card("toy", 6, toy.classNames()));
        for (String name : Scores.NAMES) {
            assertArrayEquals(s.column(name), ScoreImport.read(dir.resolve("scores.csv"), name, toy));
            assertArrayEquals(s.column(name), ScoreImport.read(dir.resolve(name + ".npy"), name, toy));
            assertArrayEquals(s.column(name), ScoreImport.read(dir, name, toy));
        }
    }

    @Test
    void readsAnotherToolsCsvWithASingleScoreColumn(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("mine.csv");
        Files.writeString(csv, "\"label\",\"score\"\n0,0.5\n1,1e-3\n0,2\n1,3\n0,-4\n1,5\n\n");
        assertArrayEquals(new double[] {0.5, 1e-3, 2, 3, -4, 5}, ScoreImport.read(csv, Scores.EL2N, toy));
    }

    @Test
    void wrongLengthNanLabelsAndOtherDatasetsAreRefused(@TempDir Path dir) throws Exception {
        Path shortNpy = dir.resolve("short.npy");
        Files.write(shortNpy, Npy.encode(new double[5]));
        assertError(shortNpy, Scores.EL2N, "has 5 values but toy has 6");

        Path nanNpy = dir.resolve("nan.npy");
        Files.write(nanNpy, Npy.encode(new double[] {0, 1, Double.NaN, 3, 4, 5}));
        assertError(nanNpy, Scores.EL2N, "non-finite score (NaN at sample 2)");
        Path infCsv = dir.resolve("inf.csv");
        Files.writeString(infCsv, "el2n\n0\n1\n2\ninf\n4\n5\n");
        assertError(infCsv, Scores.EL2N, "non-finite score (Infinity at sample 3)");

        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, "index,label,el2n\n0,0,1\n1,1,1\n2,1,1\n3,1,1\n4,0,1\n5,1,1\n");
        assertError(labels, Scores.EL2N, "gives sample 2 label 1");
        Path order = dir.resolve("order.csv");
        Files.writeString(order, "index,el2n\n0,1\n2,1\n1,1\n3,1\n4,1\n5,1\n");
        assertError(order, Scores.EL2N, "must be in dataset order");
        assertError(labels, Scores.AUM, "no 'aum' column");

        Path other = dir.resolve("other");
        ScoreFiles.write(other, toyScores(), card("cifar10", 6, toy.classNames()));
        assertError(other.resolve("el2n.npy"), Scores.EL2N, "computed on cifar10");
        Path good = dir.resolve("good");
        ScoreFiles.write(good, toyScores(), card("toy", 6, toy.classNames()));
        assertError(good.resolve("forgetting.npy"), Scores.EL2N, "holds forgetting scores but el2n");
        assertError(dir.resolve("missing.csv"), Scores.EL2N, "does not exist");
    }

    private void assertError(Path file, String score, String expected) {
        UserException e = assertThrows(UserException.class, () -> ScoreImport.read(file, score, toy));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
