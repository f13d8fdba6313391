package ${package}.internal;

import io.qss.device.DeviceType;
import io.qss.device.testkit.DeviceTypeContractTest;
import io.qss.device.testkit.SampleDevice;
import io.qss.device.testkit.ScriptedDevice;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The meter type passes the qss device contract: a scripted meter sends a minute of lines at 10 per second. */
class CsvMeterDeviceTypeContractTest extends DeviceTypeContractTest {

    private static final long START_NANOS = 1_700_000_000_000_000_000L;

    @Override
    protected DeviceType type() {
        return new CsvMeterDeviceType();
    }

    @Override
    protected List<SampleDevice> devices() {
        return List.of(new SampleDevice("meter-1", Map.of("host", "192.0.2.10")),
                new SampleDevice("meter-2", Map.of("host", "192.0.2.11", "port", "4001")));
    }

    @Override
    protected ScriptedDevice liveDevice() {
        return ScriptedDevice.sending(lines());
    }

    @Override
    protected ScriptedDevice faultyLiveDevice() {
        List<byte[]> lines = new ArrayList<>(lines());
        lines.add(100, "1700000000000000000,23O.1\n".getBytes(StandardCharsets.US_ASCII));
        lines.add(200, "not a measurement\n".getBytes(StandardCharsets.US_ASCII));
        return ScriptedDevice.sending(lines);
    }

    private static List<byte[]> lines() {
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String line = (START_NANOS + i * 100_000_000L) + "," + (230.0 + (i % 10) * 0.1) + "\n";
            lines.add(line.getBytes(StandardCharsets.US_ASCII));
        }
        return lines;
    }
}
