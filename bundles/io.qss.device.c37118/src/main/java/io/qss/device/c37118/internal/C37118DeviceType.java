// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal;

import io.qss.device.DeviceContext;
import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.DeviceType;
import io.qss.device.Endpoint;
import io.qss.device.PropertySpec;
import io.qss.device.ProtocolSession;
import io.qss.device.StreamSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * The IEEE C37.118 device type: a PMU or PDC reached over TCP (qss connects, default port 4712) or sending on its own
 * over UDP (qss listens, default port 4713). Its streams come from the device's configuration frame and are declared
 * by the session; the device id is {@code host:port/idcode}. Stateless and thread-safe.
 */
@Component(service = DeviceType.class, property = DeviceType.TYPE_PROPERTY + "=" + C37118DeviceType.TYPE_ID)
public final class C37118DeviceType implements DeviceType {

    static final String TYPE_ID = "c37118";

    private static final List<PropertySpec> PROPERTIES = List.of(
            new PropertySpec(
                    C37118Settings.HOST,
                    "TCP: PMU/PDC host name or address; UDP: address to listen on" + " (empty = every interface)",
                    false,
                    null),
            new PropertySpec(
                    C37118Settings.PORT,
                    "TCP port of the PMU/PDC",
                    false,
                    String.valueOf(C37118Settings.DEFAULT_TCP_PORT)),
            new PropertySpec(C37118Settings.IDCODE, "IDCODE of the data stream, 0..65535", true, null),
            new PropertySpec(
                    C37118Settings.TRANSPORT, "tcp (qss connects) or udp (the device sends on its own)", false, "tcp"),
            new PropertySpec(
                    C37118Settings.UDP_PORT,
                    "UDP port to listen on when transport=udp",
                    false,
                    String.valueOf(C37118Settings.DEFAULT_UDP_PORT)));

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public String description() {
        return "IEEE C37.118 PMU or PDC over TCP (4712) or UDP (4713), C37.118-2005 and C37.118.2-2011 frames";
    }

    @Override
    public List<PropertySpec> properties() {
        return PROPERTIES;
    }

    /** @throws IllegalArgumentException naming the property when one is missing or invalid */
    @Override
    public String deviceId(String alias, Map<String, String> properties) {
        return C37118Settings.of(properties).deviceId();
    }

    /** None before the device sent its configuration; the session declares them from its CFG-2 frame. */
    @Override
    public List<StreamSpec> streams(DeviceDescriptor device) {
        return List.of();
    }

    @Override
    public Optional<Endpoint> endpoint(DeviceDescriptor device) throws DeviceException {
        C37118Settings settings = settings(device);
        return Optional.of(
                settings.isUdp()
                        ? new Endpoint(Endpoint.Transport.UDP_LISTENER, settings.host(), settings.port())
                        : new Endpoint(Endpoint.Transport.TCP_CLIENT, settings.host(), settings.port()));
    }

    @Override
    public ProtocolSession openSession(DeviceContext context) throws DeviceException {
        return new C37118Session(context, settings(context.device()));
    }

    private static C37118Settings settings(DeviceDescriptor device) throws DeviceException {
        try {
            return C37118Settings.of(device.properties());
        } catch (IllegalArgumentException e) {
            throw new DeviceException(
                    DeviceErrorCode.UNSUPPORTED,
                    "C37.118 device misconfigured [alias=" + device.alias() + ", reason=" + e.getMessage() + "]",
                    e);
        }
    }
}
