// SPDX-License-Identifier: Apache-2.0
package io.qss.device;

import java.util.Map;

/**
 * A configured device as the framework knows it. Immutable.
 *
 * @param typeId the {@link DeviceType#typeId()} that handles it, e.g. {@code upmu}; never null
 * @param serial the device's identity within its type ({@link DeviceType#deviceId}): a uPMU's serial number, a
 *     C37.118 device's {@code host:port/idcode}; never null
 * @param alias the operator's name for it; streams live under {@code /<typeId>/<alias>/}; never null
 * @param properties type-specific settings (for a uPMU: {@code ip}, {@code extended}); never null
 */
public record DeviceDescriptor(String typeId, String serial, String alias, Map<String, String> properties) {

    public DeviceDescriptor {
        properties = Map.copyOf(properties);
    }

    /** The property as a boolean; false when absent. */
    public boolean isSet(String key) {
        return Boolean.parseBoolean(properties.getOrDefault(key, "false"));
    }
}
