// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.Endpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class C37118DeviceTypeTest {

    private final C37118DeviceType type = new C37118DeviceType();

    @Test
    void givenTcpProperties_whenAsked_thenIdAndEndpointUseDefaultPort() throws Exception {
        Map<String, String> properties = Map.of("host", "10.0.0.5", "idcode", "241");
        assertEquals("10.0.0.5:4712/241", type.deviceId("sub1", properties));
        assertEquals(
                new Endpoint(Endpoint.Transport.TCP_CLIENT, "10.0.0.5", 4712),
                type.endpoint(device(properties)).orElseThrow());
    }

    @Test
    void givenUdpProperties_whenAsked_thenListensOnUdpPort() throws Exception {
        Map<String, String> properties = Map.of("transport", "UDP", "idcode", "60");
        assertEquals(
                new Endpoint(Endpoint.Transport.UDP_LISTENER, "", 4713),
                type.endpoint(device(properties)).orElseThrow());
        assertEquals("*:4713/60", type.deviceId("a", properties));
    }

    @Test
    void givenBadProperties_whenAsked_thenErrorNamesProperty() {
        DeviceException e = assertThrows(
                DeviceException.class, () -> type.endpoint(device(Map.of("host", "h", "idcode", "70000"))));
        assertEquals(DeviceErrorCode.UNSUPPORTED, e.code());
        assertTrue(e.getMessage().contains("idcode=70000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> type.deviceId("a", Map.of("idcode", "1")));
        assertThrows(IllegalArgumentException.class, () -> type.deviceId("a", Map.of("host", "h")));
    }

    @Test
    void givenType_whenDescribed_thenSchemaListsEveryProperty() {
        assertEquals("c37118", type.typeId());
        assertEquals(
                List.of("host", "port", "idcode", "transport", "udpPort"),
                type.properties().stream().map(p -> p.key()).toList());
        assertTrue(type.streams(device(Map.of("host", "h", "idcode", "1"))).isEmpty());
    }

    private static DeviceDescriptor device(Map<String, String> properties) {
        return new DeviceDescriptor("c37118", "x", "sub1", properties);
    }
}
