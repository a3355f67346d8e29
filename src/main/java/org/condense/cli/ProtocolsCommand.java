package org.condense.cli;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.concurrent.Callable;
import org.condense.evaluate.Protocols;
import org.condense.train.Protocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "protocols", mixinStandardHelpOptions = true,
        description = "List the protocol presets, or show one fully resolved (with any overrides).")
final class ProtocolsCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Preset to show in full.")
    String name;

    @Mixin
    ProtocolOptions protocolOptions = new ProtocolOptions();

    @Override
    public Integer call() throws Exception {
        if (name == null) {
            for (String preset : Protocols.PRESETS) {
                System.out.printf("%-14s %s%n", preset, Protocols.load(preset).description());
            }
            return 0;
        }
        Protocol p = protocolOptions.load(name);
        System.out.print(new YAMLMapper().writeValueAsString(p.resolved()));
        return 0;
    }
}
