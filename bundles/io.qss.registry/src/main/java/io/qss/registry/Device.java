// SPDX-License-Identifier: Apache-2.0
package io.qss.registry;

import io.qss.device.DeviceDescriptor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One configured device of any type, as {@code upmu_database.devices} keeps it. Immutable.
 *
 * @param type the device type id, e.g. {@code upmu}, {@code c37118}; never null
 * @param id the device's identity within its type (a uPMU's serial, {@code DeviceType.deviceId}); never null
 * @param alias the operator's name, unique over all types; streams live at {@code /<type>/<alias>/...}; never null
 * @param properties the type-specific settings (a uPMU's {@code ip} and {@code extended}); never null
 * @param streamUuids stable UUID per stream key ({@code StreamSpec.key()}), in declaration order; never null
 */
public record Device(
        String type, String id, String alias, Map<String, String> properties, Map<String, UUID> streamUuids) {

    public Device {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        streamUuids = Collections.unmodifiableMap(new LinkedHashMap<>(streamUuids));
    }

    /** The store collection of the device's ungrouped streams: {@code <type>/<alias>}. */
    public String collection() {
        return type + "/" + alias;
    }

    /** The path of one stream: {@code /<type>/<alias>/<key>}. */
    public String path(String streamKey) {
        return "/" + collection() + "/" + streamKey;
    }

    /** True when {@code key} is this device's alias or id (how commands name a device). */
    public boolean isNamedBy(String key) {
        return alias.equals(key) || id.equals(key);
    }

    /** The device as the device SPI sees it. */
    public DeviceDescriptor descriptor() {
        return new DeviceDescriptor(type, id, alias, properties);
    }
}
