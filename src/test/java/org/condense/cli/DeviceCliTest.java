package org.condense.cli;

import static org.condense.cli.Run.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import org.condense.UserException;
import org.condense.model.Devices;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --device} on every command that trains or runs a network, and the new networks by name. */
class DeviceCliTest {

    private static final List<String> TRAINING_COMMANDS =
            List.of("train", "evaluate", "score", "compress", "bench", "throughput", "relabel", "quickstart");

    @Test
    void everyTrainingCommandTakesDeviceDefaultingToTheCpu() {
        CommandLine cli = new CommandLine(new Main());
        for (String name : TRAINING_COMMANDS) {
            OptionSpec device = cli.getSubcommands().get(name).getCommandSpec().findOption("--device");
            assertNotNull(device, name + " has no --device");
            assertEquals("cpu", device.defaultValue(), name);
        }
    }

    @Test
    void helpListsTheNewNetworks() {
        CommandLine cli = new CommandLine(new Main());
        for (String name : List.of("train", "evaluate", "score", "throughput")) {
            String help = String.join(" ", cli.getSubcommands().get(name).getCommandSpec().findOption("--model").description());
            for (String model : List.of("resnet101", "efficientnetb0", "swinv2t")) {
                assertTrue(help.contains(model), name + " --model help lacks " + model + ": " + help);
            }
        }
    }

    @Test
    void parsesCpuGpuAndGpuN() {
        assertEquals(Device.cpu(), Devices.parse("cpu"));
        assertEquals(Device.gpu(0), Devices.parse("gpu"));
        assertEquals(Device.gpu(0), Devices.parse(" GPU:0 "));
        assertEquals(Device.gpu(3), Devices.parse("gpu:3"));
        for (String bad : List.of("cuda", "gpu:", "gpu:-1", "gpu:x", "tpu", "")) {
            UserException e = assertThrows(UserException.class, () -> Devices.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("unknown device '" + bad + "'; use --device cpu, gpu or gpu:N"),
                    e.getMessage());
        }
    }

    /** The machines this is built on have no GPU: asking for one is a clear one-line error, not a crash. */
    @Test
    void gpuOnAMachineWithoutOneIsAOneLineError() {
        assertOneLineError(Run.of("throughput", "--device", "gpu", "--steps", "1", "--warmup", "0"),
                "--device gpu:0 asks for a GPU but this machine has none that CUDA can see; use --device cpu");
        assertOneLineError(Run.of("train", "--device", "gpu:1", "--dataset", "nowhere", "--out", "unused"),
                "asks for a GPU");
        assertOneLineError(Run.of("evaluate", "--device", "tpu", "--data", "nowhere"), "unknown device 'tpu'");
        assertEquals(Device.cpu(), Devices.selected());
    }

    @Test
    void throughputRunsANewNetworkOnTheCpu() {
        Run r = Run.of("throughput", "--device", "cpu", "--model", "swinv2t", "--size", "16", "--batch", "2",
                "--steps", "1", "--warmup", "0");
        assertEquals(0, r.code(), r.err());
        assertEquals(Device.cpu(), Devices.selected());
    }
}
