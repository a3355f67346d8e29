package org.condense.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One or two plain sentences under a table of Random, EL2N and PCA rows: whether EL2N (easy) is
 * above or below Random by more than the seed noise, and whether PCA is best, each set against
 * the paper's hard-label order (PCA &gt; EL2N &gt; Random). Computed from the rows, never fixed text.
 * A difference counts as more than the noise when it exceeds the sum of the two rows' standard
 * deviations over seeds; with one seed per row there is no noise estimate, and the sentences say so.
 */
public final class PaperComparison {
    private PaperComparison() {}

    /** The paper's hard-label top-1 % on ImageNet-1K with ResNet-18 (Random, EL2N, PCA) at an IPC. */
    private record Paper(int ipc, double random, double el2n, double pca) {}

    private static final List<Paper> PAPER = List.of(new Paper(10, 4.6, 12.2, 22.8), new Paper(50, 20.6, 31.1, 39.1),
            new Paper(100, 31.7, 38.7, 45.5));

    /** The sentences for rows of one IPC; empty when the rows hold neither comparison. */
    public static String sentences(List<SummaryTable.Row> rows) {
        SummaryTable.Row random = find(rows, "random");
        SummaryTable.Row el2n = find(rows, "el2n");
        SummaryTable.Row pca = find(rows, "pca");
        Paper paper = paper(rows);
        List<String> out = new ArrayList<>();
        if (random != null && el2n != null) {
            out.add(el2nVersusRandom(el2n, random, paper));
        }
        if (pca != null && rows.size() > 1) {
            out.add(pcaRank(pca, rows, paper));
        }
        return String.join("\n", out);
    }

    private static String el2nVersusRandom(SummaryTable.Row el2n, SummaryTable.Row random, Paper paper) {
        double delta = el2n.mean() - random.mean();
        String where = paper == null ? "" : String.format(Locale.ROOT, " (ImageNet-1K, IPC %d: %.1f vs %.1f %%)",
                paper.ipc(), paper.el2n(), paper.random());
        if (!beyondNoise(el2n, random)) {
            return String.format(Locale.ROOT, "EL2N (easy) and Random are within the seed noise of each other "
                    + "(%+.2f points, %s), while in the paper EL2N beats Random%s.", delta, spread(el2n, random), where);
        }
        return delta > 0
                ? String.format(Locale.ROOT, "EL2N (easy) beats Random by %.2f points%s, as in the paper%s.", delta,
                        noise(el2n, random), where)
                : String.format(Locale.ROOT, "EL2N (easy) is %.2f points below Random%s: the opposite of the paper, "
                        + "where EL2N beats Random%s.", -delta, noise(el2n, random), where);
    }

    private static String pcaRank(SummaryTable.Row pca, List<SummaryTable.Row> rows, Paper paper) {
        List<SummaryTable.Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingDouble(SummaryTable.Row::mean).reversed());
        String where = paper == null ? "" : String.format(Locale.ROOT, " (%.1f %% at IPC %d)", paper.pca(), paper.ipc());
        if (sorted.get(0) == pca) {
            SummaryTable.Row second = sorted.get(1);
            double delta = pca.mean() - second.mean();
            return beyondNoise(pca, second)
                    ? String.format(Locale.ROOT, "PCA is best, %.2f points above %s%s, as in the paper%s.", delta,
                            name(second), noise(pca, second), where)
                    : String.format(Locale.ROOT, "PCA comes first, but only %.2f points above %s, within the seed "
                            + "noise (%s); in the paper it is clearly best%s.", delta, name(second), spread(pca, second),
                            where);
        }
        SummaryTable.Row best = sorted.get(0);
        double delta = best.mean() - pca.mean();
        String noise = beyondNoise(best, pca) ? noise(best, pca) : ", within the seed noise (" + spread(best, pca) + ")";
        return String.format(Locale.ROOT, "PCA is not best: %s is %.2f points above it%s, while in the paper PCA is "
                + "best%s.", name(best), delta, noise, where);
    }

    /** A difference is more than the noise when it exceeds the sum of the rows' seed std. */
    static boolean beyondNoise(SummaryTable.Row a, SummaryTable.Row b) {
        return Math.abs(a.mean() - b.mean()) > a.std() + b.std();
    }

    /** How a difference beyond the noise is qualified: by the rows' std, or as unmeasured with one seed. */
    private static String noise(SummaryTable.Row a, SummaryTable.Row b) {
        return oneSeed(a, b) ? " (one seed, so no estimate of the seed noise)"
                : ", more than the seed noise (" + spread(a, b) + ")";
    }

    private static String spread(SummaryTable.Row a, SummaryTable.Row b) {
        return String.format(Locale.ROOT, "std %.2f and %.2f over %d and %d seeds", a.std(), b.std(), a.top1().size(),
                b.top1().size());
    }

    private static boolean oneSeed(SummaryTable.Row a, SummaryTable.Row b) {
        return a.top1().size() < 2 || b.top1().size() < 2;
    }

    /** The method as the sentences name it: EL2N's easy end, the bare name of any other. */
    private static String name(SummaryTable.Row row) {
        return switch (base(row.method())) {
            case "random" -> "Random";
            case "el2n" -> "EL2N (easy)";
            case "pca" -> "PCA";
            default -> row.method();
        };
    }

    /** The first row of a method in its default selection (any PCA factor; EL2N only its easy, balanced end). */
    private static SummaryTable.Row find(List<SummaryTable.Row> rows, String method) {
        for (SummaryTable.Row r : rows) {
            boolean match = method.equals("pca") ? base(r.method()).equals("pca") : r.method().equals(method);
            if (match) {
                return r;
            }
        }
        return null;
    }

    private static String base(String variant) {
        int bracket = variant.indexOf('[');
        return bracket < 0 ? variant : variant.substring(0, bracket);
    }

    /** The paper's numbers at the rows' IPC when it reports that IPC and every row has it. */
    private static Paper paper(List<SummaryTable.Row> rows) {
        for (Paper p : PAPER) {
            if (!rows.isEmpty() && rows.stream().allMatch(r -> r.ipc() == p.ipc())) {
                return p;
            }
        }
        return null;
    }
}
