package org.condense.bench;

import java.util.List;
import java.util.Map;
import org.condense.labels.LabelSelect;

/**
 * A protocol preset (or YAML file) of a grid with the fields it overrides, and where its soft
 * labels come from: an online teacher, or labels stored once per dataset and seed by relabel.
 *
 * @param labelPrunes with stored labels, the LPLD label pruning ratios to run (each a run of its
 *     own); empty for an online teacher
 * @param topK with stored labels, 0 for every class's logit or K for top-k labels
 * @param labelSelect with stored labels, how a pruned run picks its records
 */
public record ProtocolEntry(String preset, Map<String, String> set, boolean storedLabels, List<Double> labelPrunes,
        int topK, LabelSelect labelSelect) {
    public ProtocolEntry {
        labelSelect = labelSelect == null ? LabelSelect.DEFAULT : labelSelect;
    }

    public ProtocolEntry(String preset, Map<String, String> set, boolean storedLabels, List<Double> labelPrunes,
            int topK) {
        this(preset, set, storedLabels, labelPrunes, topK, null);
    }

    public ProtocolEntry(String preset, Map<String, String> set) {
        this(preset, set, false, List.of(), 0);
    }
}
