// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.devices;

import io.qss.device.DeviceContext;
import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.DeviceStatus;
import io.qss.device.DeviceType;
import io.qss.device.Endpoint;
import io.qss.device.ProtocolSession;
import io.qss.device.StreamSpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The bench's live device: each line {@code <time ns>,<value>\n} is one frame carrying {@code streams} channels, as
 * a C37.118 PMU frame carries about ten phasor magnitudes, angles and frequencies. Every channel gets the frame's
 * value plus its index. Appends once per channel per buffer received, as a frame decoder does. Properties
 * {@code host}, {@code port}.
 */
final class ToyPhasorType implements DeviceType {

    static final String TYPE = "toyphasor";

    private final List<StreamSpec> streams = new ArrayList<>();

    ToyPhasorType(int streamCount) {
        for (int i = 0; i < streamCount; i++) {
            streams.add(new StreamSpec("ch" + i, "V"));
        }
    }

    @Override
    public String typeId() {
        return TYPE;
    }

    @Override
    public List<StreamSpec> streams(DeviceDescriptor device) {
        return streams;
    }

    @Override
    public Optional<Endpoint> endpoint(DeviceDescriptor device) throws DeviceException {
        try {
            return Optional.of(new Endpoint(
                    Endpoint.Transport.TCP_CLIENT,
                    device.properties().get("host"),
                    Integer.parseInt(device.properties().get("port"))));
        } catch (RuntimeException e) {
            throw new DeviceException(
                    DeviceErrorCode.UNSUPPORTED,
                    "toy phasor endpoint invalid [properties=" + device.properties() + "]",
                    e);
        }
    }

    @Override
    public ProtocolSession openSession(DeviceContext context) {
        return new Session(context);
    }

    private final class Session implements ProtocolSession {

        private final DeviceContext context;
        private long[] times = new long[64];
        private double[] values = new double[64];
        private double[] channel = new double[64];

        Session(DeviceContext context) {
            this.context = context;
        }

        @Override
        public void connected() throws DeviceException {
            context.declareStreams(streams);
            context.updateStatus(DeviceStatus.CONNECTED, "connected");
        }

        @Override
        public void received(ByteBuffer in) throws DeviceException {
            int frames = 0;
            int lineStart = in.position();
            int consumed = lineStart;
            for (int i = in.position(); i < in.limit(); i++) {
                if (in.get(i) == '\n') {
                    parse(in, lineStart, i, frames++);
                    lineStart = i + 1;
                    consumed = lineStart;
                }
            }
            if (frames == 0) {
                return;
            }
            for (int c = 0; c < streams.size(); c++) {
                for (int f = 0; f < frames; f++) {
                    channel[f] = values[f] + c;
                }
                context.sink().append(streams.get(c).key(), times, channel, 0, frames);
            }
            // consumed only once every channel took the frames; a refused append offers them all again
            in.position(consumed);
            context.countFrames(frames, 0);
            context.updateStatus(DeviceStatus.RECEIVING, "last time " + times[frames - 1]);
        }

        private void parse(ByteBuffer in, int start, int end, int frame) {
            if (frame == times.length) {
                times = Arrays.copyOf(times, frame * 2);
                values = Arrays.copyOf(values, frame * 2);
                channel = Arrays.copyOf(channel, frame * 2);
            }
            long t = 0;
            int i = start;
            while (i < end && in.get(i) != ',') {
                t = t * 10 + (in.get(i++) - '0');
            }
            long v = 0;
            for (i++; i < end; i++) {
                v = v * 10 + (in.get(i) - '0');
            }
            times[frame] = t;
            values[frame] = v;
        }

        @Override
        public void close() {}
    }
}
