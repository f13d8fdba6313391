// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.StreamSpec;
import io.qss.device.c37118.internal.frame.Commands;
import io.qss.device.c37118.internal.frame.ConfigParser;
import io.qss.device.c37118.internal.frame.FrameScanner;
import io.qss.device.c37118.internal.frame.FrameType;
import io.qss.device.c37118.internal.frame.Frames;
import io.qss.device.c37118.internal.frame.PcapReader;
import io.qss.device.c37118.internal.frame.TsharkGolden;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The devices of the shared captures replayed over real loopback sockets (TCP in random-sized writes after the
 * session's CFG-2 request, UDP one datagram each) into a session: every sample the session appends equals what
 * Wireshark reports for that frame, and every data frame arrives exactly once per stream.
 */
class CaptureReplayTest {

    private static final Path RESOURCES = Path.of("src/test/resources/c37118");
    private static final int TIMEOUT_MILLIS = 20_000;

    @ParameterizedTest
    @ValueSource(strings = {"C37.118_1PMU_TCP", "C37.118_1PMU_UDP", "C37.118_2PMUsInSync_TCP", "C37.118_4in1PMU_TCP"})
    void givenRecordedDevice_whenReplayedOverSocket_thenSessionAppendsTsharkValuesOnce(String capture)
            throws Exception {
        List<TsharkGolden.Frame> golden = TsharkGolden.load(RESOURCES.resolve(capture + ".tshark.gz"));
        int devices = 0;
        for (PcapReader.Flow flow : PcapReader.read(RESOURCES.resolve(capture + ".pcap"))) {
            int idcode = deviceIdcode(flow);
            if (idcode < 0) {
                continue;
            }
            devices++;
            FakeDeviceContext context = flow.isTcp() ? replayTcp(flow, idcode) : replayUdp(flow, idcode);
            assertSamplesEqualGolden(
                    capture,
                    context,
                    golden.stream().filter(f -> f.idcode() == idcode).toList());
        }
        assertTrue(devices > 0, "no device flow in " + capture);
    }

    private static FakeDeviceContext replayTcp(PcapReader.Flow flow, int idcode) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> firstCommand = CompletableFuture.supplyAsync(() -> serve(server, flow));
            Map<String, String> properties = Map.of(
                    "host",
                    "127.0.0.1",
                    "port",
                    String.valueOf(server.getLocalPort()),
                    "idcode",
                    String.valueOf(idcode));
            FakeDeviceContext context = new FakeDeviceContext(properties);
            C37118Session session = new C37118Session(context, C37118Settings.of(properties));
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                OutputStream out = socket.getOutputStream();
                context.wire = bytes -> write(out, bytes);
                session.connected();
                readUntilClosed(socket.getInputStream(), session);
            }
            assertEquals(Commands.SEND_CFG2, firstCommand.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
            return context;
        }
    }

    private static FakeDeviceContext replayUdp(PcapReader.Flow flow, int idcode) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket listener = new DatagramSocket(new InetSocketAddress(loopback, 0));
                DatagramSocket device = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            listener.setSoTimeout(TIMEOUT_MILLIS);
            Map<String, String> properties = Map.of(
                    "transport",
                    "udp",
                    "host",
                    "127.0.0.1",
                    "udpPort",
                    String.valueOf(listener.getLocalPort()),
                    "idcode",
                    String.valueOf(idcode));
            FakeDeviceContext context = new FakeDeviceContext(properties);
            C37118Session session = new C37118Session(context, C37118Settings.of(properties));
            SocketAddress[] lastSender = new SocketAddress[1];
            context.wire = bytes -> sendTo(listener, lastSender[0], bytes);
            session.connected();
            byte[] buffer = new byte[65536];
            for (byte[] datagram : flow.chunks()) {
                device.send(new DatagramPacket(datagram, datagram.length, listener.getLocalSocketAddress()));
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                listener.receive(packet);
                lastSender[0] = packet.getSocketAddress();
                session.received(ByteBuffer.wrap(buffer, 0, packet.getLength()).slice());
            }
            return context;
        }
    }

    private static int serve(ServerSocket server, PcapReader.Flow flow) {
        try (Socket client = server.accept()) {
            byte[] command = client.getInputStream().readNBytes(Commands.SIZE);
            Random random = new Random(7);
            byte[] stream = flow.chunks().get(0);
            OutputStream out = client.getOutputStream();
            for (int offset = 0; offset < stream.length; ) {
                int length = Math.min(stream.length - offset, 1 + random.nextInt(3000));
                out.write(stream, offset, length);
                offset += length;
            }
            client.shutdownOutput();
            client.getInputStream().transferTo(OutputStream.nullOutputStream());
            return Commands.command(ByteBuffer.wrap(command), 0);
        } catch (IOException e) {
            throw new IllegalStateException("replay server failed", e);
        }
    }

    private static void readUntilClosed(InputStream in, C37118Session session) throws Exception {
        ByteBuffer pending = ByteBuffer.allocate(256 * 1024);
        for (int read = in.read(pending.array(), pending.position(), pending.remaining());
                read >= 0;
                read = in.read(pending.array(), pending.position(), pending.remaining())) {
            pending.position(pending.position() + read).flip();
            session.received(pending);
            pending.compact();
        }
        assertEquals(0, pending.position(), "bytes left undecoded");
    }

    private static void assertSamplesEqualGolden(
            String capture, FakeDeviceContext context, List<TsharkGolden.Frame> golden) throws Exception {
        int timeBase = ConfigParser.parse(ByteBuffer.wrap(context.state), 0).timeBase();
        Map<String, List<StreamSpec>> byStation = new LinkedHashMap<>();
        context.declared
                .get(context.declared.size() - 1)
                .forEach(s -> byStation
                        .computeIfAbsent(s.group(), g -> new ArrayList<>())
                        .add(s));
        Map<String, Map<Long, Double>> appended = new HashMap<>();
        context.samples.forEach((key, points) -> {
            Map<Long, Double> byTime = appended.computeIfAbsent(key, k -> new HashMap<>());
            points.forEach(p -> byTime.put(p.time(), p.value()));
            assertEquals(points.size(), byTime.size(), "duplicate times in " + key);
        });
        List<String> mismatches = new ArrayList<>();
        for (TsharkGolden.Frame frame : golden) {
            long time = Frames.timeNanos(frame.soc(), frame.fraction(), timeBase);
            for (TsharkGolden.Station station : frame.stations()) {
                List<StreamSpec> streams = byStation.get(station.name);
                List<Double> expected = GoldenSamples.flatten(station, frame.timeQuality());
                for (int i = 0; i < expected.size(); i++) {
                    Double actual = appended.getOrDefault(streams.get(i).key(), Map.of())
                            .get(time);
                    if (actual == null
                            || !GoldenSamples.isEqual(
                                    expected.get(i),
                                    actual,
                                    streams.get(i).name(),
                                    streams.get(i).unit())) {
                        mismatches.add(streams.get(i).key() + " [time=" + time + ", tshark=" + expected.get(i)
                                + ", appended=" + actual + "]");
                    }
                }
            }
        }
        appended.forEach((key, byTime) -> assertEquals(golden.size(), byTime.size(), "samples of " + key));
        System.out.printf(
                "%s replayed over sockets: %d data frames, %d streams, %d mismatches, %d invalid%n",
                capture, golden.size(), appended.size(), mismatches.size(), context.invalid);
        assertTrue(
                mismatches.isEmpty(),
                () -> mismatches.size() + " mismatches, first: "
                        + mismatches.subList(0, Math.min(10, mismatches.size())));
    }

    private static int deviceIdcode(PcapReader.Flow flow) throws Exception {
        FrameScanner scanner = new FrameScanner();
        for (byte[] chunk : flow.chunks()) {
            ByteBuffer in = ByteBuffer.wrap(chunk);
            for (int size = scanner.next(in); size > 0; size = scanner.next(in)) {
                if (Frames.type(in, in.position()) == FrameType.CFG2) {
                    return Frames.idcode(in, in.position());
                }
                in.position(in.position() + size);
            }
        }
        return -1;
    }

    private static void write(OutputStream out, ByteBuffer bytes) throws DeviceException {
        try {
            out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        } catch (IOException e) {
            throw new DeviceException(DeviceErrorCode.IO_ERROR, "write failed", e);
        }
    }

    private static void sendTo(DatagramSocket socket, SocketAddress peer, ByteBuffer bytes) throws DeviceException {
        if (peer == null) {
            throw new DeviceException(DeviceErrorCode.IO_ERROR, "no datagram received yet");
        }
        try {
            socket.send(
                    new DatagramPacket(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining(), peer));
        } catch (IOException e) {
            throw new DeviceException(DeviceErrorCode.IO_ERROR, "send failed", e);
        }
    }
}
