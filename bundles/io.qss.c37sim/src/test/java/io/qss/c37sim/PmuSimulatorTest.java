// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.c37sim.frame.Command;
import io.qss.c37sim.frame.DataFormat;
import io.qss.c37sim.frame.FrameEncoder;
import io.qss.c37sim.frame.FrameTime;
import io.qss.c37sim.frame.FrameType;
import io.qss.c37sim.frame.RawFrame;
import io.qss.c37sim.frame.StreamConfig;
import io.qss.c37sim.model.SignalModel;
import io.qss.c37sim.server.FrameServer;
import io.qss.c37sim.server.PmuSimulator;
import io.qss.c37sim.server.SimulatorOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The simulator over real sockets: commands, configuration, data at the right rate and time, UDP. */
class PmuSimulatorTest {
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private static SimulatorOptions options(int pmus, int rate, boolean isPdc, InetSocketAddress udp, int cfgChange) {
        return new SimulatorOptions(
                pmus,
                rate,
                new InetSocketAddress("127.0.0.1", 0),
                DataFormat.INT_POLAR,
                isPdc ? pmus : 0,
                udp,
                4,
                2,
                1,
                10,
                2,
                1_000_000,
                60,
                7,
                cfgChange);
    }

    @Test
    void clientGetsConfigurationHeaderAndDataAtTheRateAlignedToTheSecond() throws Exception {
        SimulatorOptions options = options(3, 30, false, null, 0);
        PmuSimulator simulator = new PmuSimulator(options, log);
        try (FrameServer server = new FrameServer(options.listen(), simulator, log);
                TestClient client = new TestClient(server.port())) {
            client.command(11, Command.SEND_CFG2);
            RawFrame cfg = client.next(2000);
            assertNotNull(cfg, "CFG-2 answered");
            StreamConfig expected = PmuSimulator.streamConfigs(options).get(1);
            assertEquals(FrameType.CFG2, cfg.type());
            assertTrue(cfg.isCrcOk());
            assertArrayEquals(FrameEncoder.config(FrameType.CFG2, expected, cfg.soc(), 0), cfg.bytes());
            client.command(11, Command.SEND_CFG1);
            assertEquals(FrameType.CFG1, client.next(2000).type());
            client.command(11, Command.SEND_CFG3);
            RawFrame cfg3 = client.next(2000);
            assertArrayEquals(FrameEncoder.config3(expected, cfg3.soc(), 0), cfg3.bytes());
            client.command(11, Command.SEND_HEADER);
            RawFrame header = client.next(2000);
            assertEquals(FrameType.HEADER, header.type());
            assertTrue(new String(header.bytes(), StandardCharsets.US_ASCII).contains("qss-c37 simulator"));

            client.command(11, Command.TURN_ON);
            List<RawFrame> data = client.collect(2500);
            assertTrue(data.size() >= 60 && data.size() <= 80, "about 30 frames/s for 2.5 s: " + data.size());
            SignalModel model = new SignalModel(7, expected.pmus().get(0));
            for (int i = 0; i < data.size(); i++) {
                RawFrame frame = data.get(i);
                assertEquals(FrameType.DATA, frame.type());
                assertEquals(11, frame.idcode());
                int fraction = FrameTime.fractionOf(frame.fracsec());
                int index = (int) Math.round(fraction * 30 / 1e6);
                assertEquals(FrameTime.fraction(index, 30, 1_000_000), fraction, "aligned to 1/30 s");
                byte[] recomputed = FrameEncoder.data(
                        expected,
                        frame.soc(),
                        frame.fracsec(),
                        List.of(model.sample(frame.soc(), fraction, 1_000_000)));
                assertArrayEquals(recomputed, frame.bytes(), "frame " + i + " is the model's");
                if (i > 0) {
                    long step = micros(frame) - micros(data.get(i - 1));
                    assertTrue(Math.abs(step - 33_333) <= 1, "consecutive frames 1/30 s apart: " + step);
                }
            }
            long lag = System.currentTimeMillis() * 1000 - micros(data.get(data.size() - 1));
            assertTrue(lag >= 0 && lag < 1_000_000, "frames are sent at their time: lag " + lag + " us");

            client.command(11, Command.TURN_OFF);
            client.collect(200);
            assertTrue(client.collect(300).isEmpty(), "no data after turn off");
        }
    }

    @Test
    void pdcStreamsOfAGivenSizeNumberThePdcThenItsPmus() {
        SimulatorOptions options = new SimulatorOptions(
                10, 60, new InetSocketAddress(0), DataFormat.INT_POLAR, 4, null, 4, 2, 1, 10, 2, 1_000_000, 60, 7, 0);
        List<StreamConfig> streams = PmuSimulator.streamConfigs(options);
        assertEquals(
                List.of(10, 15, 20), streams.stream().map(StreamConfig::idcode).toList());
        assertEquals(
                List.of(11, 12, 13, 14),
                streams.get(0).pmus().stream().map(p -> p.idcode()).toList());
        assertEquals(
                List.of(21, 22),
                streams.get(2).pmus().stream().map(p -> p.idcode()).toList());
        assertEquals("SIM PMU 0010", streams.get(2).pmus().get(1).station());
        assertEquals(3, options.pdcStreams());
    }

    @Test
    void sendTimeOfEachTickIsKeptByTheTimeItsFramesCarry() throws Exception {
        SimulatorOptions options = options(2, 10, false, null, 0);
        PmuSimulator simulator = new PmuSimulator(options, log);
        long due = simulator.tick(FrameServer.nowNanos());
        assertEquals(-1, simulator.sentAt(due), "not sent yet");
        long before = FrameServer.nowNanos();
        simulator.tick(due);
        long sent = simulator.sentAt(due);
        assertTrue(sent >= before && sent <= FrameServer.nowNanos(), "sent while the tick ran: " + sent);
        assertEquals(sent, simulator.sentAt(due + 3), "a time rounded by FRACSEC finds its tick");
        assertEquals(-1, simulator.sentAt(due + 100_000_000L), "the next tick was not sent");
        assertEquals(1, simulator.stats().sendLag().count());
    }

    @Test
    void unknownIdcodesAndBadCrcsAreIgnoredAndTheConnectionStays() throws Exception {
        SimulatorOptions options = options(2, 10, false, null, 0);
        PmuSimulator simulator = new PmuSimulator(options, log);
        try (FrameServer server = new FrameServer(options.listen(), simulator, log);
                TestClient client = new TestClient(server.port())) {
            client.command(500, Command.SEND_CFG2);
            byte[] corrupt = FrameEncoder.command(10, 2, 0, 0, Command.SEND_CFG2);
            corrupt[corrupt.length - 1] ^= 1;
            client.raw(corrupt);
            assertNull(client.next(500), "nothing answered");
            client.command(10, Command.SEND_CFG2);
            assertEquals(10, client.next(FrameType.CFG2, 2000).idcode(), "connection kept, CFG-2 of IDCODE 10");
            assertEquals(1, server.badFrames());
            assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("unknown IDCODE ignored [idcode=500"));
        }
    }

    @Test
    void pdcStreamCarriesEveryPmuAndAConfigurationChangeIsFlagged() throws Exception {
        SimulatorOptions options = options(5, 50, true, null, 2);
        PmuSimulator simulator = new PmuSimulator(options, log);
        try (FrameServer server = new FrameServer(options.listen(), simulator, log);
                TestClient client = new TestClient(server.port())) {
            client.command(10, Command.SEND_CFG2);
            RawFrame cfg = client.next(FrameType.CFG2, 2000);
            assertEquals(5, ByteBuffer.wrap(cfg.bytes()).getShort(18), "NUM_PMU");
            client.command(10, Command.TURN_ON);
            List<RawFrame> data = client.collect(2600);
            assertTrue(data.stream()
                    .allMatch(f -> f.bytes().length
                            == PmuSimulator.streamConfigs(options).get(0).dataFrameBytes()));
            List<Integer> flagged = data.stream()
                    .map(f -> ByteBuffer.wrap(f.bytes()).getShort(14) & 0x0400)
                    .distinct()
                    .collect(Collectors.toList());
            assertTrue(flagged.contains(0x0400), "STAT bit 10 after a change");
            client.command(10, Command.SEND_CFG2);
            RawFrame changed = client.next(FrameType.CFG2, 2000);
            int cfgcnt = ByteBuffer.wrap(changed.bytes()).getShort(changed.bytes().length - 6) & 0xFFFF;
            assertTrue(cfgcnt > 1, "CFGCNT of the last PMU increased: " + cfgcnt);
        }
    }

    @Test
    void udpTargetGetsConfigurationThenSpontaneousData() throws Exception {
        try (DatagramChannel receiver = DatagramChannel.open()) {
            receiver.bind(new InetSocketAddress("127.0.0.1", 0));
            SimulatorOptions options = options(2, 20, false, (InetSocketAddress) receiver.getLocalAddress(), 0);
            PmuSimulator simulator = new PmuSimulator(options, log);
            List<RawFrame> frames = new ArrayList<>();
            try (FrameServer server = new FrameServer(options.listen(), simulator, log)) {
                ByteBuffer buffer = ByteBuffer.allocate(65536);
                while (frames.stream().filter(f -> f.type() == FrameType.DATA).count() < 40) {
                    buffer.clear();
                    receiver.receive(buffer);
                    buffer.flip();
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    frames.add(new RawFrame(bytes));
                }
            }
            assertEquals(FrameType.CFG2, frames.get(0).type());
            assertEquals(FrameType.CFG2, frames.get(1).type());
            assertEquals(
                    List.of(10, 11),
                    List.of(frames.get(0).idcode(), frames.get(1).idcode()));
            // a minute boundary during the test adds a CFG-2 per stream: the every-minute repeat
            List<RawFrame> data =
                    frames.stream().filter(f -> f.type() != FrameType.CFG2).toList();
            assertTrue(data.stream().allMatch(f -> f.type() == FrameType.DATA && f.isCrcOk()));
            assertEquals(20, data.stream().filter(f -> f.idcode() == 10).count());
        }
    }

    private static long micros(RawFrame frame) {
        return frame.soc() * 1_000_000 + FrameTime.fractionOf(frame.fracsec());
    }
}
