// SPDX-License-Identifier: Apache-2.0
package io.qss.device.testkit;

import io.qss.device.DeviceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** A well-behaved file type passes the whole kit. */
class ToyFileMeterContractTest extends DeviceTypeContractTest {

    @Override
    protected DeviceType type() {
        return new ToyMeterType(false);
    }

    @Override
    protected List<SampleDevice> devices() {
        return ToyMeterScripts.devices();
    }

    @Override
    protected List<Path> files() {
        try {
            return List.of(
                    ToyMeterScripts.file(workDir, "a.csv", ToyMeterScripts.lines(100)),
                    ToyMeterScripts.file(workDir, "b.csv", ToyMeterScripts.linesWithDamage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
