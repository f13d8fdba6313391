// SPDX-License-Identifier: Apache-2.0
package io.qss.device.testkit;

import io.qss.device.DeviceContext;
import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.DeviceStatus;
import io.qss.device.DeviceType;
import io.qss.device.Endpoint;
import io.qss.device.IngestResult;
import io.qss.device.PropertySpec;
import io.qss.device.ProtocolSession;
import io.qss.device.SampleSink;
import io.qss.device.StreamSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A toy meter for the kit's own tests: files or a TCP stream of lines {@code epoch_ns,volts,amps}, the live one
 * started by the command {@code START} and opened by the line {@code HDR} (its configuration, which a session keeps
 * as its state: data before it is invalid; it announces the stream {@code F}, declared once). Each {@link Defect} plants one bug the kit must catch.
 */
final class ToyMeterType implements DeviceType {

    static final byte[] START = "START\n".getBytes(StandardCharsets.US_ASCII);
    static final String HEADER = "HDR";
    private static final byte[] HEADER_STATE = HEADER.getBytes(StandardCharsets.US_ASCII);
    /** Declared by a session once the header arrived; a resumed session does not declare it again. */
    private static final StreamSpec FREQUENCY = new StreamSpec("F", "Hz");

    private static final int MAX_LINE = 256;

    private final boolean isLive;
    private final Endpoint.Transport transport;
    private final Set<Defect> defects;
    private final AtomicInteger calls = new AtomicInteger();

    ToyMeterType(boolean isLive, Defect... defects) {
        this(isLive, Endpoint.Transport.TCP_CLIENT, defects);
    }

    private ToyMeterType(boolean isLive, Endpoint.Transport transport, Defect... defects) {
        this.isLive = isLive;
        this.transport = transport;
        this.defects = defects.length == 0 ? EnumSet.noneOf(Defect.class) : EnumSet.of(defects[0], defects);
    }

    /** A live meter that sends each line as one datagram to qss's UDP port. */
    static ToyMeterType overUdp() {
        return new ToyMeterType(true, Endpoint.Transport.UDP_LISTENER);
    }

    /** One planted bug. */
    enum Defect {
        DUPLICATE_KEYS,
        UNSTABLE_STREAMS,
        SAME_ID,
        REQUIRED_WITH_DEFAULT,
        UNCHECKED_PARSE,
        IO_ERROR_ON_EMPTY,
        NOT_IDEMPOTENT,
        WHOLE_CALLS_ONLY,
        THROWS_ON_BAD_LINE,
        SILENT,
        LEAKS_THREAD,
        CLOSE_TWICE_FAILS,
        UNDECLARED_STREAM,
        UNCHECKED_ON_SEND_FAILURE,
        FORGETS_STATE
    }

    @Override
    public String typeId() {
        return "toymeter";
    }

    @Override
    public List<StreamSpec> streams(DeviceDescriptor device) {
        List<StreamSpec> streams = new ArrayList<>(List.of(new StreamSpec("V", "V"), new StreamSpec("I", "A")));
        if (defects.contains(Defect.DUPLICATE_KEYS)) {
            streams.add(new StreamSpec("V", "kV"));
        }
        if (defects.contains(Defect.UNSTABLE_STREAMS)) {
            streams.add(new StreamSpec("N" + calls.incrementAndGet(), ""));
        }
        return streams;
    }

    @Override
    public List<PropertySpec> properties() {
        return List.of(
                new PropertySpec(
                        "host",
                        "meter host name or address",
                        true,
                        defects.contains(Defect.REQUIRED_WITH_DEFAULT) ? "localhost" : null),
                new PropertySpec("port", "meter TCP port", false, "4000"));
    }

    @Override
    public String deviceId(String alias, Map<String, String> properties) {
        return defects.contains(Defect.SAME_ID)
                ? "meter"
                : properties.get("host") + ":" + properties.getOrDefault("port", "4000");
    }

    @Override
    public Optional<Endpoint> endpoint(DeviceDescriptor device) {
        return isLive
                ? Optional.of(new Endpoint(
                        transport,
                        device.properties().get("host"),
                        Integer.parseInt(device.properties().getOrDefault("port", "4000"))))
                : Optional.empty();
    }

    @Override
    public IngestResult ingestFile(DeviceDescriptor device, Path file, SampleSink sink) throws DeviceException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new DeviceException(DeviceErrorCode.IO_ERROR, "reading meter file failed [file=" + file + "]", e);
        }
        if (lines.isEmpty() && defects.contains(Defect.IO_ERROR_ON_EMPTY)) {
            throw new DeviceException(DeviceErrorCode.IO_ERROR, "empty meter file [file=" + file + "]");
        }
        Decoded decoded = new Decoded();
        List<String> warnings = new ArrayList<>();
        for (String line : lines) {
            if (!decodeLine(line, decoded)) {
                warnings.add("line skipped [line=" + line.length() + " chars]");
            }
        }
        if (decoded.times.isEmpty()) {
            throw new DeviceException(DeviceErrorCode.CORRUPT_INPUT, "no valid line in meter file [file=" + file + "]");
        }
        decoded.appendTo(sink, defects);
        return new IngestResult(
                2L * decoded.times.size(),
                decoded.first(),
                decoded.last(),
                warnings.stream().limit(3).toList());
    }

    @Override
    public ProtocolSession openSession(DeviceContext context) {
        return new Session(context);
    }

    /** Decodes {@code epoch_ns,volts,amps} into {@code into}; false when the line is not one. */
    private boolean decodeLine(String line, Decoded into) {
        String[] fields = line.split(",", -1);
        if (defects.contains(Defect.UNCHECKED_PARSE)) {
            into.add(Long.parseLong(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2]));
            return true;
        }
        try {
            if (fields.length == 3) {
                into.add(Long.parseLong(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2]));
                return true;
            }
        } catch (NumberFormatException e) {
            return false;
        }
        return false;
    }

    /** Decoded lines, appended in one call per stream. */
    private static final class Decoded {
        private final List<Long> times = new ArrayList<>();
        private final List<double[]> values = new ArrayList<>();
        private static final AtomicInteger INGESTS = new AtomicInteger();

        void add(long time, double volts, double amps) {
            times.add(time);
            values.add(new double[] {volts, amps});
        }

        long first() {
            return times.stream().mapToLong(Long::longValue).min().orElse(Long.MIN_VALUE);
        }

        long last() {
            return times.stream().mapToLong(Long::longValue).max().orElse(Long.MIN_VALUE);
        }

        void appendTo(SampleSink sink, Set<Defect> defects) throws DeviceException {
            long[] t = times.stream().mapToLong(Long::longValue).toArray();
            double shift = defects.contains(Defect.NOT_IDEMPOTENT) ? INGESTS.incrementAndGet() : 0;
            sink.append("V", t, values.stream().mapToDouble(v -> v[0] + shift).toArray(), 0, t.length);
            sink.append(
                    defects.contains(Defect.UNDECLARED_STREAM) ? "X" : "I",
                    t,
                    values.stream().mapToDouble(v -> v[1]).toArray(),
                    0,
                    t.length);
        }
    }

    /** The live side: asks for data, decodes whole lines, keeps a partial one for the next call. */
    private final class Session implements ProtocolSession {
        private final DeviceContext context;
        private boolean isConfigured;
        private boolean isClosed;
        private Thread poller;

        Session(DeviceContext context) {
            this.context = context;
            this.isConfigured =
                    !defects.contains(Defect.FORGETS_STATE) && Arrays.equals(context.loadState(), HEADER_STATE);
        }

        @Override
        public void connected() throws DeviceException {
            try {
                context.send(ByteBuffer.wrap(START));
            } catch (DeviceException e) {
                if (defects.contains(Defect.UNCHECKED_ON_SEND_FAILURE)) {
                    throw new IllegalStateException("send failed", e);
                }
                throw e;
            }
            report(DeviceStatus.CONNECTED, "");
            if (defects.contains(Defect.LEAKS_THREAD)) {
                poller = new Thread(() -> sleepQuietly(30_000), "toymeter-poller");
                poller.setDaemon(true);
                poller.start();
            }
        }

        @Override
        public void received(ByteBuffer in) throws DeviceException {
            Decoded decoded = new Decoded();
            long invalid = 0;
            int lineStart = in.position();
            while (in.hasRemaining()) {
                if (in.get() != '\n') {
                    continue;
                }
                String line = text(in, lineStart, in.position() - 1);
                lineStart = in.position();
                if (line.equals(HEADER)) {
                    isConfigured = true;
                    context.saveState(HEADER_STATE);
                    context.declareStreams(List.of(FREQUENCY));
                } else if (!isConfigured || !decodeLine(line, decoded)) {
                    if (defects.contains(Defect.THROWS_ON_BAD_LINE)) {
                        throw new DeviceException(DeviceErrorCode.CORRUPT_INPUT, "bad meter line");
                    }
                    invalid++;
                }
            }
            if (defects.contains(Defect.WHOLE_CALLS_ONLY)) {
                if (lineStart < in.limit() && !decodeLine(text(in, lineStart, in.limit()), decoded)) {
                    invalid++;
                }
            } else {
                in.position(lineStart);
                if (in.remaining() > MAX_LINE) {
                    throw new DeviceException(
                            DeviceErrorCode.CORRUPT_INPUT, "meter line too long [bytes=" + in.remaining() + "]");
                }
            }
            if (!decoded.times.isEmpty()) {
                decoded.appendTo(context.sink(), defects);
                appendFrequency(decoded);
                report(DeviceStatus.RECEIVING, "");
            }
            context.countFrames(decoded.times.size(), invalid);
        }

        @Override
        public void close() {
            if (isClosed && defects.contains(Defect.CLOSE_TWICE_FAILS)) {
                throw new IllegalStateException("session closed twice");
            }
            isClosed = true;
            if (poller != null && !defects.contains(Defect.LEAKS_THREAD)) {
                poller.interrupt();
            }
        }

        /** The declared stream: a constant 50 Hz per line, as a stream only the device's header announces. */
        private void appendFrequency(Decoded decoded) throws DeviceException {
            long[] times = decoded.times.stream().mapToLong(Long::longValue).toArray();
            double[] hertz = new double[times.length];
            Arrays.fill(hertz, 50.0);
            context.sink().append(FREQUENCY.key(), times, hertz, 0, times.length);
        }

        private void report(DeviceStatus status, String detail) {
            if (!defects.contains(Defect.SILENT)) {
                context.updateStatus(status, detail);
            }
        }

        private static String text(ByteBuffer in, int from, int to) {
            byte[] bytes = new byte[to - from];
            in.get(from, bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        private static void sleepQuietly(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
