// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal;

import io.qss.device.DeviceContext;
import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.DeviceStatus;
import io.qss.device.SampleSink;
import io.qss.device.StreamSpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A device manager's context that records what the session does: commands, streams, samples, counts, status. */
final class FakeDeviceContext implements DeviceContext, SampleSink {

    final DeviceDescriptor device;
    final List<Integer> commands = new ArrayList<>();
    final List<List<StreamSpec>> declared = new ArrayList<>();
    final Map<String, List<Point>> samples = new LinkedHashMap<>();
    final List<String> statuses = new ArrayList<>();
    byte[] state = new byte[0];
    long valid;
    long invalid;
    boolean isSinkFailing;
    boolean isSendFailing;
    /** Where sent commands go besides {@link #commands}, e.g. a socket; null for nowhere. */
    Wire wire;

    FakeDeviceContext(Map<String, String> properties) {
        this.device =
                new DeviceDescriptor("c37118", C37118Settings.of(properties).deviceId(), "sub1", properties);
    }

    @Override
    public DeviceDescriptor device() {
        return device;
    }

    @Override
    public SampleSink sink() {
        return this;
    }

    @Override
    public void declareStreams(List<StreamSpec> streams) {
        declared.add(List.copyOf(streams));
    }

    @Override
    public void send(ByteBuffer bytes) throws DeviceException {
        if (isSendFailing) {
            throw new DeviceException(DeviceErrorCode.IO_ERROR, "no peer yet");
        }
        commands.add(bytes.getShort(bytes.position() + 14) & 0xFFFF);
        if (wire != null) {
            wire.write(bytes);
        }
    }

    @Override
    public void saveState(byte[] newState) {
        state = newState.clone();
    }

    @Override
    public byte[] loadState() {
        return state.clone();
    }

    @Override
    public void countFrames(long newValid, long newInvalid) {
        valid += newValid;
        invalid += newInvalid;
    }

    @Override
    public void updateStatus(DeviceStatus status, String detail) {
        statuses.add(status + ": " + detail);
    }

    @Override
    public void append(String stream, long[] times, double[] values, int offset, int length) throws DeviceException {
        if (isSinkFailing) {
            throw new DeviceException(DeviceErrorCode.SINK_FAILED, "store full");
        }
        List<Point> points = samples.computeIfAbsent(stream, s -> new ArrayList<>());
        for (int i = offset; i < offset + length; i++) {
            points.add(new Point(times[i], values[i]));
        }
    }

    /** The values appended to {@code stream}, in order. */
    double[] values(String stream) {
        return samples.getOrDefault(stream, List.of()).stream()
                .mapToDouble(Point::value)
                .toArray();
    }

    /** One appended sample. */
    record Point(long time, double value) {}

    /** A transport for commands. */
    interface Wire {
        void write(ByteBuffer bytes) throws DeviceException;
    }
}
