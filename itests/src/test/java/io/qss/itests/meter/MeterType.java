// SPDX-License-Identifier: Apache-2.0
package io.qss.itests.meter;

import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceType;
import io.qss.device.PropertySpec;
import io.qss.device.StreamSpec;
import java.util.List;
import java.util.Map;

/**
 * A device type for tests, packed into its own bundle by {@code DeviceCatalogIT}: a meter reached at {@code host}
 * and {@code port}, with one stream of its own and one in a group. Stateless.
 */
public final class MeterType implements DeviceType {

    /** The type id and service property value. */
    public static final String TYPE_ID = "meter";

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public String description() {
        return "test meter over TCP";
    }

    @Override
    public List<PropertySpec> properties() {
        return List.of(
                new PropertySpec("host", "host name or address", true, null),
                new PropertySpec("port", "TCP port", false, "5000"));
    }

    @Override
    public String deviceId(String alias, Map<String, String> properties) {
        return properties.get("host") + ":" + properties.get("port");
    }

    @Override
    public List<StreamSpec> streams(DeviceDescriptor device) {
        return List.of(new StreamSpec("V", "V"), new StreamSpec("ST1", "FREQ", "Hz"));
    }
}
