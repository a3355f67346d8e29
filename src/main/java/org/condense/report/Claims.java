package org.condense.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.condense.report.BenchmarkTables.Cell;
import org.condense.report.BenchmarkTables.Column;
import org.condense.report.BenchmarkTables.Row;
import org.condense.report.BenchmarkTables.Table;

/**
 * The paper's claims about soft and hard labels, decided from a table's cells by fixed rules:
 * each claim is a list of checks (one comparison of two cells, or a count of them), and holds when
 * every check holds, does not hold when none does, and holds partly otherwise. A claim is shown
 * only when at least one of its checks has both cells.
 *
 * <p>Comparisons use the pooled standard deviation of the two cells over seeds,
 * {@code s = √((s_A² + s_B²) / 2)} (population std, as the cells show it): A is <em>at or
 * above</em> B when {@code mean_A ≥ mean_B − s}, <em>above</em> when {@code mean_A > mean_B + s},
 * <em>far below</em> when {@code mean_A < mean_B − 2s}; a row is <em>best</em> when no row of its
 * column has a higher mean; <em>most</em> is more than half.
 */
final class Claims {
    static final String RULES = "s = √((s_A² + s_B²)/2) is the pooled population std of the two cells over seeds. "
            + "A is “at or above” B when mean_A ≥ mean_B − s, “above” when mean_A > mean_B + s, “far below” when "
            + "mean_A < mean_B − 2s; “best” is the highest mean of the column; “most” is more than half. A claim "
            + "“holds” when every check holds, “does not hold” when none does, and holds “partly” otherwise. Rows are "
            + "grouped by what the method registry and the datasets' manifests say, not by name: “distillation” "
            + "methods need a teacher; “noise-initialised” ones start from noise (manifest `init`), DWA-like ones "
            + "from real images by the method's default (not by an option of the row); “easy-balanced pruning” rows "
            + "keep real images ranked by scores, class by class, from the easy end (CCS by coverage). Rows without "
            + "a manifest are left out.";

    static final String HOLDS = "holds";
    static final String PARTLY = "partly";
    static final String NOT = "does not hold";

    /** One comparison or count, as a sentence with its numbers. */
    record Check(String text, boolean holds) {}

    record Claim(String title, String verdict, List<Check> checks) {}

    /** The methods the hard-label claim names as above Random: the paper's own list, by registry name. */
    private static final Set<String> ABOVE_RANDOM_WITH_HARD_LABELS = Set.of("rded", "el2n", "aum", "ccs");
    private static final String PCA = "pca";

    private Claims() {}

    static List<Claim> of(Table t, Map<String, RowFacts> facts) {
        List<Claim> claims = new ArrayList<>();
        Row random = t.rows().stream().filter(Row::isRandom).filter(r -> r.overrides().isEmpty()).findFirst().orElse(null);
        if (random == null) {
            return claims;
        }
        Column soft50 = new Column("soft", 50);
        add(claims, "Soft labels, IPC 50: Random is at or above most distillation methods, and the easy-balanced "
                + "pruning rows are at or above Random", softClaim(t, facts, random, soft50));
        for (Column c : t.columns()) {
            if (c.labels().equals("hard") && c.ipc() > 0) {
                add(claims, "Hard labels, IPC " + c.ipc() + ": every noise-initialised method and DWA fall far below "
                        + "Random, RDED, EL2N, AUM and CCS are above it, and PCA is best", hardClaim(t, facts, random, c));
            }
        }
        return claims;
    }

    private static void add(List<Claim> claims, String title, List<Check> checks) {
        if (checks.isEmpty()) {
            return;
        }
        long holding = checks.stream().filter(Check::holds).count();
        String verdict = holding == checks.size() ? HOLDS : holding == 0 ? NOT : PARTLY;
        claims.add(new Claim(title, verdict, checks));
    }

    private static List<Check> softClaim(Table t, Map<String, RowFacts> facts, Row random, Column col) {
        List<Check> checks = new ArrayList<>();
        Cell r = t.cell(random, col);
        if (r == null) {
            return checks;
        }
        List<String> details = new ArrayList<>();
        int atOrAbove = 0;
        for (Row row : t.rows()) {
            Cell c = t.cell(row, col);
            RowFacts f = facts.get(row.variant());
            if (c == null || f == null || !f.distillation() || !row.overrides().isEmpty()) {
                continue;
            }
            boolean ok = r.mean() >= c.mean() - pooled(r, c);
            atOrAbove += ok ? 1 : 0;
            details.add(row.title() + " " + value(c) + (ok ? "" : " (above Random)"));
        }
        if (!details.isEmpty()) {
            boolean most = atOrAbove * 2 > details.size();
            checks.add(new Check(String.format("Random %s is at or above %d of %d distillation rows (%s): %s",
                    value(r), atOrAbove, details.size(), most ? "most" : "not most", String.join("; ", details)), most));
        }
        for (Row row : t.rows()) {
            Cell c = t.cell(row, col);
            RowFacts f = facts.get(row.variant());
            if (c != null && f != null && f.easyBalancedPruning() && row.overrides().isEmpty()) {
                boolean ok = c.mean() >= r.mean() - pooled(r, c);
                checks.add(new Check(compare(row, c, r, ok ? "at or above" : "below", "Random"), ok));
            }
        }
        return checks;
    }

    private static List<Check> hardClaim(Table t, Map<String, RowFacts> facts, Row random, Column col) {
        List<Check> checks = new ArrayList<>();
        Cell r = t.cell(random, col);
        if (r == null) {
            return checks;
        }
        for (Row row : t.rows()) {
            Cell c = t.cell(row, col);
            RowFacts f = facts.get(row.variant());
            if (c == null || f == null || !row.overrides().isEmpty()) {
                continue;
            }
            if (f.distillation() && (f.noiseInitialised() || f.realInitialisedByDefault())) {
                boolean ok = c.mean() < r.mean() - 2 * pooled(r, c);
                checks.add(new Check(compare(row, c, r, ok ? "far below" : "not far below", "Random"), ok));
            } else if (ABOVE_RANDOM_WITH_HARD_LABELS.contains(f.method()) && (f.distillation() || f.easyBalancedPruning())) {
                boolean ok = c.mean() > r.mean() + pooled(r, c);
                checks.add(new Check(compare(row, c, r, ok ? "above" : "not above", "Random"), ok));
            }
        }
        Row bestPca = null;
        for (Row row : t.rows()) {
            RowFacts f = facts.get(row.variant());
            Cell c = t.cell(row, col);
            if (c != null && f != null && PCA.equals(f.method()) && (bestPca == null || c.mean() > t.cell(bestPca, col).mean())) {
                bestPca = row;
            }
        }
        if (bestPca != null) {
            Row best = null;
            for (Row row : t.rows()) {
                Cell c = t.cell(row, col);
                if (c != null && (best == null || c.mean() > t.cell(best, col).mean())) {
                    best = row;
                }
            }
            boolean ok = best.equals(bestPca) || t.cell(best, col).mean() == t.cell(bestPca, col).mean();
            checks.add(new Check(bestPca.title() + " " + value(t.cell(bestPca, col)) + (ok ? " is the best row"
                    : " is not the best row: " + best.title() + " " + value(t.cell(best, col))), ok));
        }
        return checks;
    }

    static double pooled(Cell a, Cell b) {
        return Math.sqrt((a.std() * a.std() + b.std() * b.std()) / 2);
    }

    private static String compare(Row row, Cell c, Cell r, String relation, String other) {
        return String.format("%s %s is %s %s %s (Δ %+.2f, s = %.2f)", row.title(), value(c), relation, other, value(r),
                c.mean() - r.mean(), pooled(c, r));
    }

    /** Mean ± std, and how many seeds when one alone makes the cell (its std says nothing then). */
    private static String value(Cell c) {
        return String.format("%.2f ± %.2f", c.mean(), c.std()) + (c.top1().size() == 1 ? " (n=1)" : "");
    }
}
