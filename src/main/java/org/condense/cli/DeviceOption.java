package org.condense.cli;

import org.condense.model.Devices;
import picocli.CommandLine.Option;

/** {@code --device}: where networks are trained and run; checked before any data is read. */
final class DeviceOption {
    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|gpu[:N]",
            description = "Compute on the CPU or on GPU N (gpu = gpu:0; needs a build made with -Pcuda) "
                    + "(default: ${DEFAULT-VALUE}).")
    String device;

    /** Parses and selects the device, or fails with a one-line user error. */
    void select() {
        Devices.select(Devices.parse(device));
    }
}
