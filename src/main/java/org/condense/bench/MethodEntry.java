package org.condense.bench;

import java.util.List;
import java.util.Map;
import org.condense.compress.MethodNeeds;
import org.condense.methods.CompressionMethods;

/**
 * One method row of a grid: a compression method with its options, and protocol fields that
 * this row alone overrides (e.g. PCA's ablation reads composites whole with {@code augment.patch=none}).
 *
 * @param label the row's name in folder names; unique within a grid
 * @param protocols the presets of the grid's protocols this row runs under; null for all of them
 *     (e.g. a hard-label row beside soft-label rows)
 */
public record MethodEntry(String label, String method, Map<String, String> options, Map<String, String> set,
        List<String> protocols) {

    public MethodEntry(String label, String method, Map<String, String> options, Map<String, String> set) {
        this(label, method, options, set, null);
    }

    /** Whether this row runs under {@code protocol}. */
    public boolean runsUnder(ProtocolEntry protocol) {
        return protocols == null || protocols.contains(protocol.preset());
    }

    /** What the method needs (scores, teacher), from the registry. */
    public MethodNeeds needs() {
        return CompressionMethods.get(method).needs();
    }
}
