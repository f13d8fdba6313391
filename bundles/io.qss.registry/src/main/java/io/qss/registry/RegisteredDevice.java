// SPDX-License-Identifier: Apache-2.0
package io.qss.registry;

import io.qss.dat.UpmuConstants;
import io.qss.device.DeviceDescriptor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One configured uPMU. Immutable.
 *
 * @param ip the device's IP address (the upmuconfig.ini section name); never null
 * @param serial the serial it sends with its files, e.g. {@code P3001035}; never null
 * @param alias the operator's name; streams live at {@code /upmu/<alias>/<STREAM>} unless {@code collection} says
 *     otherwise; never null
 * @param isExtended whether the device sends extended records (19 streams instead of 13)
 * @param generation the sync generation (the manual's {@code ytag}): files synced at a lower one are ingested again
 * @param streamUuids stable UUID per stream name, in canonical order; extended streams keep theirs while the device
 *     is base; never null
 * @param metadata collective metadata from upmuconfig.ini, keys are section paths such as
 *     {@code Metadata/SourceName}; never null
 * @param collection the store collection of the device's streams, the parent of every stream's {@code Path} in
 *     upmuconfig.ini, e.g. {@code lbnl/uPMU1} (the manual's domains, chapter 10); null or blank means the default
 *     {@code upmu/<alias>}
 */
public record RegisteredDevice(
        String ip,
        String serial,
        String alias,
        boolean isExtended,
        long generation,
        Map<String, UUID> streamUuids,
        Map<String, String> metadata,
        String collection) {

    public RegisteredDevice {
        streamUuids = Collections.unmodifiableMap(new LinkedHashMap<>(streamUuids));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        collection = collection == null || collection.isBlank() ? defaultCollection(alias) : collection;
    }

    /** A device whose streams live in the default collection {@code upmu/<alias>}. */
    public RegisteredDevice(
            String ip,
            String serial,
            String alias,
            boolean isExtended,
            long generation,
            Map<String, UUID> streamUuids,
            Map<String, String> metadata) {
        this(ip, serial, alias, isExtended, generation, streamUuids, metadata, null);
    }

    /** The collection a device with {@code alias} gets unless its upmuconfig.ini paths say otherwise. */
    public static String defaultCollection(String alias) {
        return UpmuConstants.TYPE_ID + "/" + alias;
    }

    /** Whether the device's streams live outside the default collection {@code upmu/<alias>}. */
    public boolean hasOwnCollection() {
        return !collection.equals(defaultCollection(alias));
    }

    /** This device with {@code generation}, everything else kept. */
    public RegisteredDevice withGeneration(long nextGeneration) {
        return new RegisteredDevice(
                ip,
                serial,
                alias,
                isExtended,
                nextGeneration,
                streamUuids,
                metadata,
                hasOwnCollection() ? collection : null);
    }

    /** True when {@code key} is this device's IP address, serial number or alias (how commands name a device). */
    public boolean isNamedBy(String key) {
        return ip.equals(key) || serial.equals(key) || alias.equals(key);
    }

    /** The path of one stream: {@code /<collection>/<stream>}, by default {@code /upmu/<alias>/<stream>}. */
    public String path(String stream) {
        return "/" + collection() + "/" + stream;
    }

    /** The device as the device SPI sees it. */
    public DeviceDescriptor descriptor() {
        return new DeviceDescriptor(
                UpmuConstants.TYPE_ID,
                serial,
                alias,
                Map.of(UpmuConstants.PROPERTY_IP, ip, UpmuConstants.PROPERTY_EXTENDED, Boolean.toString(isExtended)));
    }
}
