package org.condense.bench;

import java.math.BigDecimal;
import java.util.Map;
import org.condense.labels.LabelSelect;

/**
 * One run of a grid: compress {@code dataset} with {@code method} at {@code ipc} with data seed
 * {@code seed}, then train {@code model} on it under {@code protocol} with the same seed.
 *
 * @param labelPrune with stored labels, this run's label pruning ratio; null for an online teacher
 *     or hard labels
 */
public record BenchRun(String dataset, MethodEntry method, int ipc, ProtocolEntry protocol, String model, long seed,
        Double labelPrune) {
    public BenchRun(String dataset, MethodEntry method, int ipc, ProtocolEntry protocol, String model, long seed) {
        this(dataset, method, ipc, protocol, model, seed, null);
    }

    /** A readable name for logs and the dry run. */
    public String id() {
        return dataset + " " + method.label() + " ipc" + ipc + " " + protocol.preset() + overridesLabel()
                + labelsLabel() + " " + model + " seed" + seed;
    }

    public boolean storedLabels() {
        return labelPrune != null;
    }

    private String labelsLabel() {
        if (!storedLabels()) {
            return "";
        }
        return " stored-labels" + (protocol.topK() > 0 ? "-top" + protocol.topK() : "") + " prune"
                + BigDecimal.valueOf(labelPrune).stripTrailingZeros().toPlainString()
                + (labelPrune != 0 && protocol.labelSelect() != LabelSelect.DEFAULT
                        ? "-by-" + protocol.labelSelect().id() : "");
    }

    /** Folder name of the run's compressed dataset: runs that differ only in protocol or model share it. */
    public String dataFolder() {
        return dataset.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + method.label() + "-ipc" + ipc + "-seed" + seed;
    }

    /** The protocol's overrides: the grid's, then the protocol entry's, then the method row's. */
    public Map<String, String> overrides() {
        Map<String, String> all = new java.util.TreeMap<>(protocol.set());
        all.putAll(method.set());
        return all;
    }

    private String overridesLabel() {
        Map<String, String> o = overrides();
        return o.isEmpty() ? "" : o.toString().replace(" ", "");
    }
}
