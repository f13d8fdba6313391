// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceType;
import io.qss.device.PropertySpec;
import io.qss.device.StreamSpec;
import io.qss.registry.RegistryException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Device types coming and going, and the property schema check. */
class DeviceTypesTest {

    private static DeviceType type(String id) {
        return new DeviceType() {
            @Override
            public String typeId() {
                return id;
            }

            @Override
            public List<StreamSpec> streams(DeviceDescriptor device) {
                return List.of();
            }
        };
    }

    @Test
    void givenUpdatedBundle_whenNewServiceArrivesBeforeOldLeaves_thenNewOneStays() {
        DeviceTypes types = new DeviceTypes();
        DeviceType old = type("meter");
        DeviceType updated = type("meter");

        types.add(old, Map.of(DeviceType.TYPE_PROPERTY, "meter"));
        types.add(updated, Map.of(DeviceType.TYPE_PROPERTY, "meter"));
        types.remove(old, Map.of(DeviceType.TYPE_PROPERTY, "meter"));

        assertSame(updated, types.get("meter").orElseThrow());
        types.remove(updated, Map.of(DeviceType.TYPE_PROPERTY, "meter"));
        assertTrue(types.get("meter").isEmpty());
    }

    @Test
    void givenServiceWithoutTypeProperty_whenAdded_thenKnownByItsTypeId() {
        DeviceTypes types = new DeviceTypes();

        types.add(type("csv"), Map.of());
        types.add(type("ignored"), Map.of(DeviceType.TYPE_PROPERTY, "c37118"));

        assertEquals(Set.of("c37118", "csv"), types.ids());
    }

    @Test
    void givenSchema_whenCompleted_thenSchemaOrderDefaultsAndNoAbsentOptional() throws Exception {
        List<PropertySpec> schema = List.of(
                new PropertySpec("host", "h", true, null),
                new PropertySpec("port", "p", false, "4712"),
                new PropertySpec("note", "n", false, null));

        Map<String, String> out = PropertySchema.complete("t", schema, Map.of("port", "1", "host", "h"));

        assertEquals(List.of("host", "port"), List.copyOf(out.keySet()));
        assertEquals("1", out.get("port"));
        RegistryException blank =
                assertThrows(RegistryException.class, () -> PropertySchema.complete("t", schema, Map.of("host", " ")));
        assertEquals("required device properties missing [type=t, missing=host]", blank.getMessage());
    }
}
