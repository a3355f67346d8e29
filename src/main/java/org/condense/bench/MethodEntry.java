package org.condense.bench;

import java.util.Map;
import org.condense.compress.MethodNeeds;
import org.condense.methods.CompressionMethods;

/**
 * One method row of a grid: a compression method with its options, and protocol fields that
 * this row alone overrides (e.g. PCA's ablation reads composites whole with {@code augment.patch=none}).
 *
 * @param label the row's name in folder names; unique within a grid
 */
public record MethodEntry(String label, String method, Map<String, String> options, Map<String, String> set) {

    /** What the method needs (scores, teacher), from the registry. */
    public MethodNeeds needs() {
        return CompressionMethods.get(method).needs();
    }
}
