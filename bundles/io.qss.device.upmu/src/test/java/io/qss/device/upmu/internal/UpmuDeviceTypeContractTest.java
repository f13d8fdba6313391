// SPDX-License-Identifier: Apache-2.0
package io.qss.device.upmu.internal;

import io.qss.device.DeviceType;
import io.qss.device.testkit.DeviceTypeContractTest;
import io.qss.device.testkit.SampleDevice;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The uPMU type passes the device contract with real .dat files (those the codec's own tests decode): a base and an
 * extended device, each file ingested by the base one.
 */
class UpmuDeviceTypeContractTest extends DeviceTypeContractTest {

    /** The codec module's sample files, reached from this module's folder (surefire's working directory). */
    private static final Path DAT_FILES =
            Path.of("..", "..", "tools", "io.qss.dat.tools", "src", "test", "resources", "dat", "v1");

    @Override
    protected DeviceType type() {
        return new UpmuDeviceType();
    }

    @Override
    protected List<SampleDevice> devices() {
        return List.of(
                new SampleDevice("grid-a", Map.of("ip", "10.0.0.11", "serial", "P3001035", "extended", "false")),
                new SampleDevice("grid-b", Map.of("ip", "10.0.0.12", "serial", "P3001036", "extended", "true")));
    }

    @Override
    protected List<Path> files() {
        return List.of(DAT_FILES.resolve("base-3.dat"), DAT_FILES.resolve("extended-3.dat"));
    }
}
