package org.condense.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.condense.evaluate.Protocols;
import org.condense.train.Protocol;
import picocli.CommandLine.Option;

/** Selects a protocol preset and overrides any of its fields. */
final class ProtocolOptions {
    @Option(names = "--epochs", paramLabel = "N", description = "Override the protocol's epochs.")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Override the protocol's batch size.")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "LR", description = "Override the protocol's learning rate.")
    Double lr;

    @Option(names = "--set", paramLabel = "FIELD=VALUE",
            description = "Override any protocol field by its dotted path, e.g. --set augment.cutmix.prob=0.5 "
                    + "--set augment.crop.scale=[0.5,1] (see `condense protocols show NAME`).")
    Map<String, String> overrides = new LinkedHashMap<>();

    Protocol load(String name) {
        Map<String, String> all = new LinkedHashMap<>(overrides);
        if (epochs != null) {
            all.put("epochs", String.valueOf(epochs));
        }
        if (batchSize != null) {
            all.put("batch_size", String.valueOf(batchSize));
        }
        if (lr != null) {
            all.put("lr", String.valueOf(lr));
        }
        return Protocols.load(name, all);
    }
}
