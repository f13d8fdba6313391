// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import io.qss.device.PropertySpec;
import io.qss.registry.RegistryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks a device's properties against its type's schema ({@link PropertySpec}s). Stateless. */
final class PropertySchema {

    private PropertySchema() {}

    /**
     * The properties of a new device of {@code type}: {@code given} checked against {@code schema} (no unknown key,
     * every required one present and not blank) with the defaults of the keys not given, in schema order.
     *
     * @throws RegistryException naming the unknown key (and the known ones) or every missing required one
     */
    static Map<String, String> complete(String type, List<PropertySpec> schema, Map<String, String> given)
            throws RegistryException {
        Map<String, PropertySpec> byKey = new LinkedHashMap<>();
        schema.forEach(p -> byKey.put(p.key(), p));
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (!byKey.containsKey(e.getKey())) {
                throw new RegistryException("unknown device property [type=" + type + ", key=" + e.getKey() + ", known="
                        + String.join(",", byKey.keySet()) + "]");
            }
            if (e.getValue() == null) {
                throw new RegistryException(
                        "device property without value [type=" + type + ", key=" + e.getKey() + "]");
            }
        }
        String missing = schema.stream()
                .filter(PropertySpec::isRequired)
                .filter(p -> given.getOrDefault(p.key(), "").isBlank())
                .map(PropertySpec::key)
                .collect(Collectors.joining(","));
        if (!missing.isEmpty()) {
            throw new RegistryException(
                    "required device properties missing [type=" + type + ", missing=" + missing + "]");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (PropertySpec p : schema) {
            String value = given.getOrDefault(p.key(), p.defaultValue());
            if (value != null) {
                out.put(p.key(), value);
            }
        }
        return out;
    }
}
