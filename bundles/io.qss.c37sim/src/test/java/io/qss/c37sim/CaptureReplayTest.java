// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.c37sim.frame.Command;
import io.qss.c37sim.frame.FrameType;
import io.qss.c37sim.frame.RawFrame;
import io.qss.c37sim.replay.Capture;
import io.qss.c37sim.replay.CaptureException;
import io.qss.c37sim.replay.CaptureReplayer;
import io.qss.c37sim.replay.CapturedFrame;
import io.qss.c37sim.replay.PcapReader;
import io.qss.c37sim.replay.UdpPusher;
import io.qss.c37sim.server.FrameServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared sample captures read, served over TCP and pushed over UDP frame for frame. */
class CaptureReplayTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dir;

    static Path sample(String name) throws URISyntaxException {
        return Path.of(
                CaptureReplayTest.class.getResource("/c37118-samples/" + name).toURI());
    }

    @Test
    void readerFindsTheFramesWiresharkCounts() throws Exception {
        // counts from tshark -Y synphasor.frtype==0 on the same files
        Capture tcp = Capture.read(sample("C37.118_1PMU_TCP.pcap"));
        assertEquals(List.of(241), tcp.idcodes());
        assertEquals(252, count(tcp.stream(241), FrameType.DATA));
        assertEquals(1, count(tcp.stream(241), FrameType.CFG2));
        List<CapturedFrame> all = PcapReader.read(sample("C37.118_1PMU_TCP.pcap"));
        assertEquals(
                3,
                all.stream().filter(f -> f.frame().type() == FrameType.COMMAND).count());
        assertTrue(all.stream().allMatch(f -> f.frame().isCrcOk()));
        Capture udp = Capture.read(sample("C37.118_1PMU_UDP.pcap"));
        assertEquals(List.of(60), udp.idcodes());
        assertEquals(356, count(udp.stream(60), FrameType.DATA));
        assertTrue(udp.stream(60).stream().allMatch(CapturedFrame::isUdp));
    }

    @Test
    void tcpClientGetsTheCapturedConfigurationThenEveryDataFrameInOrder() throws Exception {
        Capture capture = Capture.read(sample("C37.118_1PMU_TCP.pcap"));
        List<CapturedFrame> expected = capture.stream(241);
        CaptureReplayer replayer = new CaptureReplayer(capture, 0, QUIET);
        try (FrameServer server = new FrameServer(new InetSocketAddress("127.0.0.1", 0), replayer, QUIET);
                TestClient client = new TestClient(server.port())) {
            client.command(241, Command.SEND_CFG2);
            RawFrame cfg = client.next(2000);
            assertArrayEquals(expected.get(0).frame().bytes(), cfg.bytes(), "the captured CFG-2");
            client.command(241, Command.TURN_ON);
            List<RawFrame> data = new ArrayList<>();
            for (RawFrame f = client.next(3000); f != null && data.size() < 252; f = client.next(3000)) {
                data.add(f);
            }
            assertEquals(252, data.size());
            for (int i = 0; i < data.size(); i++) {
                assertArrayEquals(
                        expected.get(i + 1).frame().bytes(), data.get(i).bytes(), "data frame " + i);
            }
        }
    }

    @Test
    void paceFollowsTheCaptureDividedBySpeed() throws Exception {
        Capture capture = Capture.read(sample("C37.118_1PMU_TCP.pcap"));
        List<CapturedFrame> frames = capture.stream(241);
        long capturedMicros =
                frames.get(frames.size() - 1).timeMicros() - frames.get(1).timeMicros();
        double speed = 4;
        CaptureReplayer replayer = new CaptureReplayer(capture, speed, QUIET);
        try (FrameServer server = new FrameServer(new InetSocketAddress("127.0.0.1", 0), replayer, QUIET);
                TestClient client = new TestClient(server.port())) {
            client.command(241, Command.TURN_ON);
            long start = System.nanoTime();
            int received = 0;
            while (received < 252 && client.next(5000) != null) {
                received++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(252, received);
            double expected = capturedMicros / 1e6 / speed;
            assertTrue(
                    Math.abs(seconds - expected) < 0.4 * expected + 0.2,
                    "took " + seconds + " s, capture paced " + expected + " s");
        }
    }

    @Test
    void udpPushSendsEveryFrameOfTheCapture() throws Exception {
        Capture capture = Capture.read(sample("C37.118_1PMU_UDP.pcap"));
        try (DatagramChannel receiver = DatagramChannel.open()) {
            receiver.bind(new InetSocketAddress("127.0.0.1", 0));
            receiver.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            long sent = UdpPusher.push(capture.all(), (InetSocketAddress) receiver.getLocalAddress(), 50, () -> false);
            assertEquals(357, sent);
            ByteBuffer buffer = ByteBuffer.allocate(65536);
            receiver.configureBlocking(false);
            List<CapturedFrame> expected = capture.all();
            for (int i = 0; i < sent; i++) {
                buffer.clear();
                assertTrue(receiver.receive(buffer) != null, "datagram " + i + " arrived");
                buffer.flip();
                assertEquals(ByteBuffer.wrap(expected.get(i).frame().bytes()), buffer, "datagram " + i);
            }
        }
    }

    @Test
    void notAPcapFailsWithWhatAndWhere() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.pcap"), "hello, not a capture at all");
        CaptureException e = assertThrows(CaptureException.class, () -> Capture.read(text));
        assertTrue(e.getMessage().startsWith("not a classic pcap file"), e.getMessage());
        assertTrue(e.getMessage().contains("file=" + text), e.getMessage());
        byte[] cut = Files.readAllBytes(sample("C37.118_1PMU_TCP.pcap"));
        Path truncated = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(cut, 24 + 16 + 30));
        assertTrue(assertThrows(CaptureException.class, () -> Capture.read(truncated))
                .getMessage()
                .startsWith("capture truncated"));
    }

    private static long count(List<CapturedFrame> frames, FrameType type) {
        return frames.stream().filter(f -> f.frame().type() == type).count();
    }
}
