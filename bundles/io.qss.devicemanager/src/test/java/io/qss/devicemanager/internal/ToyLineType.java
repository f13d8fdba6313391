// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live device type for tests and the bench: lines {@code <time ns>,<value>\n} into stream {@code value} (V);
 * {@code BAD} counts an invalid frame; {@code PING} is answered {@code PONG}. On connect it declares its stream and
 * says {@code HELLO}; it counts its starts in the kept state. Properties {@code host}, {@code port}, {@code transport} ({@code tcp} | {@code udp}).
 */
public final class ToyLineType implements DeviceType {

    public static final String TYPE = "toyline";
    private static final List<StreamSpec> STREAMS = List.of(new StreamSpec("value", "V"));
    private static final ByteBuffer HELLO = ByteBuffer.wrap("HELLO\n".getBytes(StandardCharsets.US_ASCII));
    private static final ByteBuffer PONG = ByteBuffer.wrap("PONG\n".getBytes(StandardCharsets.US_ASCII));

    public final AtomicInteger opened = new AtomicInteger();
    public final AtomicInteger closed = new AtomicInteger();
    /** The state each session found at its start, in order: the count of earlier session starts, as text. */
    public final List<String> statesFound = new CopyOnWriteArrayList<>();

    @Override
    public String typeId() {
        return TYPE;
    }

    @Override
    public List<StreamSpec> streams(DeviceDescriptor device) {
        return STREAMS;
    }

    @Override
    public Optional<Endpoint> endpoint(DeviceDescriptor device) throws DeviceException {
        try {
            boolean isUdp = "udp".equals(device.properties().get("transport"));
            return Optional.of(new Endpoint(
                    isUdp ? Endpoint.Transport.UDP_LISTENER : Endpoint.Transport.TCP_CLIENT,
                    device.properties().getOrDefault("host", ""),
                    Integer.parseInt(device.properties().get("port"))));
        } catch (RuntimeException e) {
            throw new DeviceException(
                    DeviceErrorCode.UNSUPPORTED, "toy endpoint invalid [properties=" + device.properties() + "]", e);
        }
    }

    @Override
    public ProtocolSession openSession(DeviceContext context) {
        opened.incrementAndGet();
        return new Session(context);
    }

    private final class Session implements ProtocolSession {

        private final DeviceContext context;
        private final long[] time = new long[1];
        private final double[] value = new double[1];

        Session(DeviceContext context) {
            this.context = context;
        }

        @Override
        public void connected() throws DeviceException {
            String found = new String(context.loadState(), StandardCharsets.US_ASCII);
            statesFound.add(found);
            int starts = found.isEmpty() ? 0 : Integer.parseInt(found);
            context.saveState(String.valueOf(starts + 1).getBytes(StandardCharsets.US_ASCII));
            context.declareStreams(STREAMS);
            if (!"udp".equals(context.device().properties().get("transport"))) {
                context.send(HELLO.duplicate());
            }
            context.updateStatus(DeviceStatus.CONNECTED, "said hello");
        }

        @Override
        public void received(ByteBuffer in) throws DeviceException {
            long valid = 0;
            long invalid = 0;
            int lineStart = in.position();
            try {
                for (int i = in.position(); i < in.limit(); i++) {
                    if (in.get(i) != '\n') {
                        continue;
                    }
                    int kind = line(in, lineStart, i);
                    valid += kind > 0 ? 1 : 0;
                    invalid += kind < 0 ? 1 : 0;
                    lineStart = i + 1;
                    in.position(lineStart);
                }
            } finally {
                // lines decoded before a refused append count too; the refused one is offered again
                context.countFrames(valid, invalid);
            }
            if (valid > 0) {
                context.updateStatus(DeviceStatus.RECEIVING, "last time " + time[0]);
            }
        }

        /** 1 for a sample, -1 for a bad line, 0 for a command. */
        private int line(ByteBuffer in, int start, int end) throws DeviceException {
            if (end - start == 4 && in.get(start) == 'P') {
                context.send(PONG.duplicate());
                return 0;
            }
            long t = 0;
            int i = start;
            while (i < end && in.get(i) >= '0' && in.get(i) <= '9') {
                t = t * 10 + (in.get(i++) - '0');
            }
            if (i == start || i >= end || in.get(i) != ',') {
                return -1;
            }
            long v = 0;
            for (i++; i < end; i++) {
                v = v * 10 + (in.get(i) - '0');
            }
            time[0] = t;
            value[0] = v;
            context.sink().append("value", time, value, 0, 1);
            return 1;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
