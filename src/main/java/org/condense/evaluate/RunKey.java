package org.condense.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.condense.io.Hashing;
import org.condense.labels.LabelSelect;
import org.condense.model.NetworkSpec;

/**
 * The key of an evaluation run: a hash of everything that determines it, each input named by its
 * content (the dataset by its manifest key, whose inputs are SHA-256s; the teacher by the SHA-256
 * of its weights), never by where it lies. Provenance (commit, versions, time) is not part of it.
 */
public final class RunKey {
    private static final ObjectMapper JSON = EvaluationRunner.JSON;

    private RunKey() {}

    /**
     * @param dataIdentity the training data's identity ({@code TrainingData.identity()})
     * @param protocol the resolved protocol
     * @param teacher {@code sha256:<hex>} of the online teacher's weights, or null (hard labels, stored labels)
     * @param storedLabelsSha256 the stored labels' index hash, or null for online labels
     */
    public static String of(Object dataIdentity, ObjectNode protocol, NetworkSpec network, String teacher, long seed,
            String storedLabelsSha256, double labelPrune) {
        return of(dataIdentity, protocol, network, teacher, seed, storedLabelsSha256, labelPrune, LabelSelect.DEFAULT);
    }

    /**
     * As above, with the rule that picks a label-pruned run's records; the default rule adds
     * nothing, so keys of runs made before the rules existed are unchanged.
     */
    public static String of(Object dataIdentity, ObjectNode protocol, NetworkSpec network, String teacher, long seed,
            String storedLabelsSha256, double labelPrune, LabelSelect labelSelect) {
        ObjectNode identity = JSON.createObjectNode();
        identity.set("data", JSON.valueToTree(dataIdentity));
        identity.set("protocol", protocol);
        identity.set("network", JSON.valueToTree(network));
        identity.put("teacher", teacher);
        identity.put("seed", seed);
        if (storedLabelsSha256 != null) {
            // the labels' index names each label file by hash, and through them the teacher
            ObjectNode stored = identity.putObject("stored_labels");
            stored.put("sha256", storedLabelsSha256);
            stored.put("label_prune", labelPrune);
            if (labelSelect != LabelSelect.DEFAULT) {
                stored.put("label_select", labelSelect.id());
            }
        }
        return Hashing.sha256(identity).substring(0, 16);
    }
}
