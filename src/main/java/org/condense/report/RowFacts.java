package org.condense.report;

import java.util.Map;
import org.condense.compress.CompressionMethod;
import org.condense.compress.Manifest;
import org.condense.compress.MethodNeeds;
import org.condense.methods.CompressionMethods;

/**
 * What the claims need to know about a table row, from the method registry and one manifest of
 * the row's datasets (not from the row's name).
 *
 * @param method the registry name of the row's method
 * @param distillation the method needs a teacher (it distils with one or several)
 * @param init how a synthesising method starts ({@code noise} or {@code real}, from the manifest), or null
 * @param initByOption the start was chosen by an option of the row (an ablation), not by the method's default
 * @param easyBalancedPruning the method keeps real images ranked by scores, one per stored image, class
 *     by class, from the easy end (or by coverage, which has no end)
 */
record RowFacts(String method, boolean distillation, String init, boolean initByOption, boolean easyBalancedPruning) {

    static RowFacts of(String method, Manifest manifest) {
        MethodNeeds needs = CompressionMethods.find(method).map(CompressionMethod::needs).orElse(MethodNeeds.NOTHING);
        Map<String, Object> p = manifest == null || manifest.parameters() == null ? Map.of() : manifest.parameters();
        Map<String, String> options = manifest == null || manifest.options() == null ? Map.of() : manifest.options();
        String init = p.get("init") instanceof String s ? s : null;
        boolean easyBalanced = manifest != null && needs.readsScores() && manifest.factor() == 1
                && Boolean.TRUE.equals(p.get("balanced")) && (p.get("end") == null || "easy".equals(p.get("end")));
        return new RowFacts(method, needs.needsTeacher(), init, options.containsKey("init"), easyBalanced);
    }

    boolean noiseInitialised() {
        return "noise".equals(init);
    }

    /** Synthesised from real images by the method's own default (DWA). */
    boolean realInitialisedByDefault() {
        return "real".equals(init) && !initByOption;
    }
}
