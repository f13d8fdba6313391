// SPDX-License-Identifier: Apache-2.0
package io.qss.registry;

import io.qss.dat.UpmuConstants;
import io.qss.device.DeviceDescriptor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One configured uPMU. Immutable.
 *
 * @param ip the device's IP address (the upmuconfig.ini section name); never null
 * @param serial the serial it sends with its files, e.g. {@code P3001035}; never null
 * @param alias the operator's name; streams live at {@code /upmu/<alias>/<STREAM>}; never null
 * @param isExtended whether the device sends extended records (19 streams instead of 13)
 * @param generation the sync generation (the manual's {@code ytag}): files synced at a lower one are ingested again
 * @param streamUuids stable UUID per stream name, in canonical order; extended streams keep theirs while the device
 *     is base; never null
 * @param metadata collective metadata from upmuconfig.ini, keys are section paths such as
 *     {@code Metadata/SourceName}; never null
 */
public record RegisteredDevice(String ip, String serial, String alias, boolean isExtended, long generation,
        Map<String, UUID> streamUuids, Map<String, String> metadata) {

    public RegisteredDevice {
        streamUuids = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(streamUuids));
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** True when {@code key} is this device's IP address, serial number or alias (how commands name a device). */
    public boolean isNamedBy(String key) {
        return ip.equals(key) || serial.equals(key) || alias.equals(key);
    }

    /** The store collection of the device's streams: {@code upmu/<alias>}. */
    public String collection() {
        return UpmuConstants.TYPE_ID + "/" + alias;
    }

    /** The path of one stream: {@code /upmu/<alias>/<stream>}. */
    public String path(String stream) {
        return "/" + collection() + "/" + stream;
    }

    /** The device as the device SPI sees it. */
    public DeviceDescriptor descriptor() {
        return new DeviceDescriptor(UpmuConstants.TYPE_ID, serial, alias, Map.of(UpmuConstants.PROPERTY_IP, ip,
                UpmuConstants.PROPERTY_EXTENDED, Boolean.toString(isExtended)));
    }
}
