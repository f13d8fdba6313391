// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.c37sim.frame.Command;
import io.qss.c37sim.frame.DataFormat;
import io.qss.c37sim.frame.FrameEncoder;
import io.qss.c37sim.frame.FrameTime;
import io.qss.c37sim.frame.FrameType;
import io.qss.c37sim.frame.RawFrame;
import io.qss.c37sim.frame.StreamConfig;
import io.qss.c37sim.model.SignalModel;
import io.qss.c37sim.server.PmuSimulator;
import io.qss.c37sim.server.SimulatorGroup;
import io.qss.c37sim.server.SimulatorOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several sender threads on one port: every client gets its own PMU's frames, whichever thread serves it. */
class SimulatorGroupTest {
    private static final int PMUS = 40;
    private static final int RATE = 30;

    @Test
    void clientsSpreadOverTheThreadsEachGetTheirPmusFrames() throws Exception {
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        SimulatorOptions options = new SimulatorOptions(
                PMUS,
                RATE,
                new InetSocketAddress("127.0.0.1", 0),
                DataFormat.INT_POLAR,
                0,
                null,
                4,
                2,
                1,
                10,
                2,
                1_000_000,
                60,
                7,
                0);
        List<StreamConfig> configs = PmuSimulator.streamConfigs(options);
        List<TestClient> clients = new ArrayList<>();
        try (SimulatorGroup group = SimulatorGroup.start(options, 2, log)) {
            for (int i = 0; i < PMUS; i++) {
                TestClient client = new TestClient(group.port());
                clients.add(client);
                client.command(configs.get(i).idcode(), Command.TURN_ON);
            }
            Thread.sleep(1_000);
            List<Long> frameTimes = new ArrayList<>();
            for (int i = 0; i < PMUS; i++) {
                List<RawFrame> frames = clients.get(i).collect(100);
                assertTrue(frames.size() >= RATE, "a second of frames or more [pmu=" + i + "]: " + frames.size());
                StreamConfig config = configs.get(i);
                SignalModel model = new SignalModel(7, config.pmus().get(0));
                for (RawFrame frame : frames) {
                    assertEquals(FrameType.DATA, frame.type());
                    int fraction = FrameTime.fractionOf(frame.fracsec());
                    byte[] recomputed = FrameEncoder.data(
                            config,
                            frame.soc(),
                            frame.fracsec(),
                            List.of(model.sample(frame.soc(), fraction, 1_000_000)));
                    assertArrayEquals(recomputed, frame.bytes(), "the PMU's own frame [pmu=" + i + "]");
                    frameTimes.add(frame.soc() * 1_000_000_000L + fraction * 1_000L);
                }
            }
            Thread.sleep(200); // a tick's send time is kept once its last frame is sent, after a client may read one
            for (long frameNanos : frameTimes) {
                assertTrue(group.sentAt(frameNanos) >= frameNanos, "its send time is kept [frame=" + frameNanos + "]");
            }
            List<PmuSimulator.Stats> perThread = group.statsPerThread();
            PmuSimulator.Stats stats = group.stats(); // taken after: the threads keep ticking
            assertEquals(PMUS, stats.clients());
            assertEquals(PMUS, stats.transmitting());
            assertEquals(2, perThread.size());
            assertTrue(
                    perThread.get(0).clients() > 0 && perThread.get(1).clients() > 0,
                    "the kernel spreads 40 clients over both threads: "
                            + perThread.get(0).clients() + " and "
                            + perThread.get(1).clients());
            long perThreadLags = perThread.get(0).sendLag().count()
                    + perThread.get(1).sendLag().count();
            assertTrue(
                    stats.sendLag().count() >= perThreadLags && stats.sendLag().count() <= perThreadLags + 2 * RATE,
                    "the send lags of both threads merged: " + stats.sendLag().count() + ", " + perThreadLags);
        } finally {
            for (TestClient client : clients) {
                client.close();
            }
        }
    }
}
