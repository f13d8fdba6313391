// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import io.qss.registry.Device;
import io.qss.registry.StreamEntry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A device of a type other than uPMU as the catalog keeps it: the device, the unit of each of its streams (the type
 * may be uninstalled, so the units are kept with the UUIDs) and its sync generation. Immutable.
 *
 * @param device the device; never null
 * @param units unit per stream key, same keys as {@code device.streamUuids()}; never null
 * @param generation raised to make every received input be ingested again; starts at 1
 */
record CatalogEntry(Device device, Map<String, String> units, long generation) {

    CatalogEntry {
        units = Collections.unmodifiableMap(new LinkedHashMap<>(units));
    }

    /** The document's {@code _id}: {@code <type>:<id>}. */
    static String documentId(String type, String id) {
        return type + ":" + id;
    }

    String documentId() {
        return documentId(device.type(), device.id());
    }

    /** The device's streams, in declaration order. */
    List<StreamEntry> streams() {
        return device.streamUuids().keySet().stream().map(this::stream).toList();
    }

    /** The store collection of stream {@code key}: {@code <type>/<alias>} or {@code <type>/<alias>/<group>}. */
    String collectionOf(String key) {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? device.collection() : device.collection() + "/" + key.substring(0, slash);
    }

    /** This entry with {@code more} streams (key -> stream) added after its own; existing keys keep theirs. */
    CatalogEntry withStreams(Map<String, StreamEntry> more) {
        Map<String, UUID> uuids = new LinkedHashMap<>(device.streamUuids());
        Map<String, String> allUnits = new LinkedHashMap<>(units);
        more.forEach((key, s) -> {
            if (uuids.putIfAbsent(key, s.uuid()) == null) {
                allUnits.put(key, s.unit());
            }
        });
        Device d = device;
        return new CatalogEntry(new Device(d.type(), d.id(), d.alias(), d.properties(), uuids), allUnits, generation);
    }

    /** Stream {@code key} of the device, which must have it. */
    StreamEntry stream(String key) {
        return new StreamEntry(
                device.path(key),
                key.substring(key.lastIndexOf('/') + 1),
                units.getOrDefault(key, ""),
                device.streamUuids().get(key));
    }
}
