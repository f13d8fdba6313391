// SPDX-License-Identifier: Apache-2.0
package io.qss.device.testkit;

import io.qss.device.DeviceType;
import java.util.List;

/** A well-behaved live type passes the whole kit: the kit does not fail sound types. */
class ToyLiveMeterContractTest extends DeviceTypeContractTest {

    @Override
    protected DeviceType type() {
        return new ToyMeterType(true);
    }

    @Override
    protected List<SampleDevice> devices() {
        return ToyMeterScripts.devices();
    }

    @Override
    protected ScriptedDevice liveDevice() {
        return ToyMeterScripts.meter(ToyMeterScripts.lines(120));
    }

    @Override
    protected ScriptedDevice resumedLiveDevice() {
        return ScriptedDevice.sending(ToyMeterScripts.lines(30));
    }

    @Override
    protected ScriptedDevice faultyLiveDevice() {
        return ToyMeterScripts.meter(ToyMeterScripts.linesWithDamage());
    }
}
