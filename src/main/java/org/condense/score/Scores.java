package org.condense.score;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-sample scores in dataset order: each sample's label and one value per named score.
 *
 * <p>Orientation: low EL2N and low forgetting are easy, high AUM is easy.
 */
public record Scores(int[] labels, Map<String, double[]> columns) {
    public static final String EL2N = "el2n";
    public static final String FORGETTING = "forgetting";
    public static final String AUM = "aum";
    /** The scores a scoring run writes, in column order. */
    public static final List<String> NAMES = List.of(EL2N, FORGETTING, AUM);

    public Scores {
        labels = labels.clone();
        Map<String, double[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            if (e.getValue().length != labels.length) {
                throw new IllegalArgumentException(e.getKey() + " has " + e.getValue().length + " values for "
                        + labels.length + " samples");
            }
            copy.put(e.getKey(), e.getValue().clone());
        }
        columns = java.util.Collections.unmodifiableMap(copy);
    }

    public int size() {
        return labels.length;
    }

    public double[] column(String name) {
        double[] c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no score '" + name + "' among " + columns.keySet());
        }
        return c.clone();
    }

    /** True for scores where a higher value means an easier sample. */
    public static boolean higherIsEasier(String name) {
        return AUM.equals(name);
    }

    /** Per-sample mean over independent runs (same dataset, same columns). */
    public static Scores mean(List<Scores> runs) {
        Scores first = runs.get(0);
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (String name : first.columns().keySet()) {
            sums.put(name, new double[first.size()]);
        }
        for (Scores run : runs) {
            if (!Arrays.equals(run.labels(), first.labels()) || !run.columns().keySet().equals(sums.keySet())) {
                throw new IllegalArgumentException("runs disagree on labels or score names");
            }
            for (Map.Entry<String, double[]> e : sums.entrySet()) {
                double[] values = run.columns().get(e.getKey());
                for (int i = 0; i < values.length; i++) {
                    e.getValue()[i] += values[i];
                }
            }
        }
        for (double[] sum : sums.values()) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] /= runs.size();
            }
        }
        return new Scores(first.labels(), sums);
    }
}
