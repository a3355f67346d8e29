package org.condense.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.condense.evaluate.Protocols;
import org.condense.evaluate.ResultRecord;
import org.condense.model.NetworkSpec;

/** Hand-made result records for report and store tests. */
public final class Records {
    private Records() {}

    public static ResultRecord of(String variant, int ipc, long seed, double top1) {
        return of(variant, ipc, seed, top1, "standard-hard", Map.of());
    }

    public static ResultRecord of(String variant, int ipc, long seed, double top1, String protocol, Map<String, String> set) {
        ObjectNode config = Protocols.load(protocol, set).resolved();
        String method = variant.contains("[") ? variant.substring(0, variant.indexOf('[')) : variant;
        String key = Integer.toHexString((variant + ipc + seed + protocol + set).hashCode());
        return new ResultRecord(key, "cifar10-" + variant + "-ipc" + ipc + "-seed" + seed, "cifar10", method, variant, ipc,
                seed, protocol, config, NetworkSpec.of("convnet", 3, 32, 10), null, seed, top1, top1 + 40,
                new double[10], 10000, ipc * 10, 2700L * ipc * 10, 0, 0, 100.0, "test");
    }
}
