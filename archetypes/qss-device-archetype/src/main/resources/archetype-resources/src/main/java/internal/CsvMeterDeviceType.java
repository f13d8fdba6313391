package ${package}.internal;

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
 * An example live device type: a meter qss connects to over TCP, which sends one line {@code epoch_ns,volts} per
 * measurement. The device manager owns the connection; {@link CsvMeterSession} decodes what arrives into the
 * stream {@code VOLTS}. Stateless and thread-safe.
 */
@Component(service = DeviceType.class, property = DeviceType.TYPE_PROPERTY + "=" + CsvMeterDeviceType.TYPE_ID)
public final class CsvMeterDeviceType implements DeviceType {

    static final String TYPE_ID = "${deviceType}";
    static final String HOST = "host";
    static final String PORT = "port";
    static final String DEFAULT_PORT = "4000";
    static final StreamSpec VOLTS = new StreamSpec("VOLTS", "V");

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public String description() {
        return "meter sending lines epoch_ns,volts over TCP";
    }

    @Override
    public List<StreamSpec> streams(DeviceDescriptor device) {
        return List.of(VOLTS);
    }

    @Override
    public List<PropertySpec> properties() {
        return List.of(new PropertySpec(HOST, "the meter's host name or address", true, null),
                new PropertySpec(PORT, "the meter's TCP port", false, DEFAULT_PORT));
    }

    @Override
    public String deviceId(String alias, Map<String, String> properties) {
        return properties.get(HOST) + ":" + properties.getOrDefault(PORT, DEFAULT_PORT);
    }

    @Override
    public Optional<Endpoint> endpoint(DeviceDescriptor device) throws DeviceException {
        String host = device.properties().get(HOST);
        String port = device.properties().getOrDefault(PORT, DEFAULT_PORT);
        try {
            return Optional.of(new Endpoint(Endpoint.Transport.TCP_CLIENT, host, Integer.parseInt(port)));
        } catch (IllegalArgumentException e) {
            throw new DeviceException(DeviceErrorCode.UNSUPPORTED, "meter endpoint invalid [device=" + device.alias()
                    + ", host=" + host + ", port=" + port + "]", e);
        }
    }

    @Override
    public ProtocolSession openSession(DeviceContext context) {
        return new CsvMeterSession(context);
    }
}
