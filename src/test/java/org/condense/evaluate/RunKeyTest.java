package org.condense.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.condense.io.Hashing;
import org.condense.labels.LabelSelect;
import org.condense.model.NetworkSpec;
import org.junit.jupiter.api.Test;

class RunKeyTest {
    private static final ObjectNode PROTOCOL = EvaluationRunner.JSON.createObjectNode().put("epochs", 3);
    private static final NetworkSpec NET = NetworkSpec.of("convnet", 1, 28, 10);
    private static final Map<String, String> DATA = Map.of("dataset", "fashion-mnist");

    /** The identity exactly as keys were made before label selection rules existed. */
    private static String earlierKey(Double prune) {
        ObjectNode identity = EvaluationRunner.JSON.createObjectNode();
        identity.set("data", EvaluationRunner.JSON.valueToTree(DATA));
        identity.set("protocol", PROTOCOL);
        identity.set("network", EvaluationRunner.JSON.valueToTree(NET));
        identity.put("teacher", (String) null);
        identity.put("seed", 2L);
        if (prune != null) {
            ObjectNode stored = identity.putObject("stored_labels");
            stored.put("sha256", "abc");
            stored.put("label_prune", prune);
        }
        return Hashing.sha256(identity).substring(0, 16);
    }

    @Test
    void theDefaultSelectionKeepsEveryEarlierKey() {
        assertEquals(earlierKey(0.9), RunKey.of(DATA, PROTOCOL, NET, null, 2, "abc", 0.9));
        assertEquals(earlierKey(0.9), RunKey.of(DATA, PROTOCOL, NET, null, 2, "abc", 0.9, LabelSelect.BATCH));
        assertEquals(earlierKey(0.0), RunKey.of(DATA, PROTOCOL, NET, null, 2, "abc", 0, LabelSelect.BATCH));
        assertEquals(earlierKey(null), RunKey.of(DATA, PROTOCOL, NET, null, 2, null, 0, LabelSelect.BATCH));
    }

    @Test
    void anotherSelectionIsAnotherRun() {
        assertNotEquals(RunKey.of(DATA, PROTOCOL, NET, null, 2, "abc", 0.9, LabelSelect.BATCH),
                RunKey.of(DATA, PROTOCOL, NET, null, 2, "abc", 0.9, LabelSelect.EPOCH));
    }
}
