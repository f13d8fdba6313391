// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import io.qss.device.DeviceType;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The device types whose bundles are installed, by {@link DeviceType#TYPE_PROPERTY}; they come and go at run time
 * (a device bundle installed, updated, uninstalled). Thread-safe.
 */
final class DeviceTypes {

    private final Map<String, DeviceType> byId = new ConcurrentHashMap<>();

    /** A type arrived; {@code properties} are its service properties (the type id is read from them). */
    void add(DeviceType type, Map<String, ?> properties) {
        byId.put(typeId(type, properties), type);
    }

    /** A type left; a newer service of the same id that arrived meanwhile stays. */
    void remove(DeviceType type, Map<String, ?> properties) {
        byId.remove(typeId(type, properties), type);
    }

    Optional<DeviceType> get(String typeId) {
        return Optional.ofNullable(byId.get(typeId));
    }

    /** The installed type ids, sorted. */
    Set<String> ids() {
        return new TreeSet<>(byId.keySet());
    }

    /** The service property, else what the type says (a bundle that forgot the property still works). */
    private static String typeId(DeviceType type, Map<String, ?> properties) {
        Object id = properties.get(DeviceType.TYPE_PROPERTY);
        return id instanceof String s && !s.isBlank() ? s : type.typeId();
    }
}
