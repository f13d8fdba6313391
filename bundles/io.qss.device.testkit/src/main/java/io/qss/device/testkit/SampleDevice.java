// SPDX-License-Identifier: Apache-2.0
package io.qss.device.testkit;

import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceType;
import java.util.Map;

/**
 * A device as an operator would add it ({@code device:add TYPE ALIAS key=value...}), for the contract tests.
 *
 * @param alias the operator's name; never null
 * @param properties the properties given; never null
 */
public record SampleDevice(String alias, Map<String, String> properties) {

    public SampleDevice {
        properties = Map.copyOf(properties);
    }

    /** The descriptor qss builds for this device: its id comes from {@link DeviceType#deviceId}. */
    public DeviceDescriptor descriptor(DeviceType type) {
        return new DeviceDescriptor(type.typeId(), type.deviceId(alias, properties), alias, properties);
    }
}
