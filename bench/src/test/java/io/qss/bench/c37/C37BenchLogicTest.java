// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.c37;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.qss.c37sim.frame.DataFormat;
import io.qss.c37sim.server.FrameServer;
import io.qss.c37sim.server.PmuSimulator;
import io.qss.c37sim.server.SimulatorOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The c37 bench's pieces: latency bookkeeping, device lines, console and REST parsing, the load clients. */
class C37BenchLogicTest {

    @Test
    void latencyFromSendingLeavesOutTheSendersDelay() {
        // frames leave 400 ms after their time, except the one at 5.5 s, whose sending is unknown
        LatencyTracker tracker =
                new LatencyTracker(250_000_000L, frame -> frame == 5_500_000_000L ? -1 : frame + 400_000_000L);
        tracker.observe("a", 5_000_000_000L, 5_300_000_000L);
        tracker.observe("a", 5_750_000_000L, 6_400_000_000L); // frames 5.25, 5.5, 5.75 s: 1150, 900, 650 ms
        assertEquals(3, tracker.samples());
        assertEquals(1150, tracker.percentile(0.99));
        assertEquals(750, tracker.percentileSinceSent(0.99)); // 5.25 s sent at 5.65 s: 750; 5.75 s: 250
        assertEquals(250, tracker.percentileSinceSent(0.5));
        assertEquals(-1, new LatencyTracker(1).percentileSinceSent(0.5));
    }

    @Test
    void latencyIsRecordedForEveryFrameAPollSeesNew() {
        LatencyTracker tracker = new LatencyTracker(250_000_000L);
        tracker.observe("a", -1, 1_000_000_000L);
        tracker.observe("a", 5_000_000_000L, 5_300_000_000L); // first sight: no sample
        tracker.observe("a", 5_000_000_000L, 5_550_000_000L); // nothing new: a stall
        tracker.observe("a", 5_500_000_000L, 5_800_000_000L); // frames 5.25 s and 5.5 s: 550 and 300 ms
        tracker.observe("b", 1_000_000_000L, 1_000_000_000L);
        tracker.observe("b", 2_000_000_000L, 2_900_000_000L); // frames 1.25 .. 2.0 s: 1650, 1400, 1150, 900 ms
        assertEquals(6, tracker.samples());
        assertEquals(1, tracker.stalls());
        assertEquals(900, tracker.percentile(0.5));
        assertEquals(1650, tracker.percentile(0.99));
        assertEquals(-1, new LatencyTracker(1).percentile(0.99));
        assertEquals(
                99,
                LatencyTracker.percentile(LongStream.rangeClosed(1, 100).boxed().toList(), 0.99));
    }

    @Test
    void latencyIsAlsoReportedByWindowFromTheFirstPoll() {
        LatencyTracker tracker = new LatencyTracker(1_000_000_000L);
        tracker.observe("a", -1, 10_000_000_000L); // the first poll starts the first window, point or not
        tracker.observe("a", 20_000_000_000L, 20_100_000_000L);
        tracker.observe("a", 21_000_000_000L, 21_300_000_000L); // 300 ms, window 0 s
        tracker.observe("a", 45_000_000_000L, 45_200_000_000L); // 24 frames: 200 .. 23,200 ms, window 30 s
        tracker.observe("a", 46_000_000_000L, 46_900_000_000L); // 900 ms, window 30 s

        assertEquals("0s 300/300/300, 30s 11200/23200/23200", tracker.windows());
        assertEquals("", new LatencyTracker(1).windows());
    }

    @Test
    void streamIdcodesFollowTheSimulatorsNumbering() {
        assertEquals(List.of(1, 2, 3), C37BenchMain.streamIdcodes(3, 0, 1));
        assertEquals(List.of(10, 15, 20), C37BenchMain.streamIdcodes(10, 4, 10));
    }

    @Test
    void deviceLinesComeInBatchesWithSave() {
        List<String> batches = Devices.addCommands(250, "10.0.0.5", 4712, 1, 100, "device:save");
        assertEquals(3, batches.size());
        assertTrue(batches.get(0).startsWith("device:add c37118 c37sim0001 host=10.0.0.5 port=4712 idcode=1; "));
        assertTrue(batches.get(2)
                .endsWith("device:add c37118 c37sim0250 host=10.0.0.5 port=4712 idcode=250; " + "device:save"));
    }

    @Test
    void probeStreamPrefersFreqOfEachDevice() {
        String output = """
                c37sim0001 /c37118/c37sim0001/SIM_PMU_0001/VA_MAG  11111111-1111-1111-1111-111111111111  V
                c37sim0001 /c37118/c37sim0001/SIM_PMU_0001/FREQ    22222222-2222-2222-2222-222222222222  Hz
                c37sim0001 /c37118/c37sim0001/SIM_PMU_0001/DFREQ   33333333-3333-3333-3333-333333333333  Hz/s
                c37sim0002 /c37118/c37sim0002/SIM_PMU_0002/VA_MAG  44444444-4444-4444-4444-444444444444  V
                header line without a uuid /c37118/x/y
                """;
        Map<String, UUID> chosen = Devices.probeStreams(output);
        assertEquals(UUID.fromString("22222222-2222-2222-2222-222222222222"), chosen.get("c37sim0001"));
        assertEquals(UUID.fromString("44444444-4444-4444-4444-444444444444"), chosen.get("c37sim0002"));
        assertEquals(2, chosen.size());
    }

    @Test
    void newestPointsComeFromOneBracketCallOrPerStreamWhenOneIsEmpty() throws Exception {
        UUID full = UUID.randomUUID();
        UUID empty = UUID.randomUUID();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/q/bracket", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean hasEmpty = body.contains(empty.toString());
            assertEquals("Bearer key1", exchange.getRequestHeaders().getFirst("authorization"));
            answer(
                    exchange,
                    hasEmpty ? 400 : 200,
                    hasEmpty ? "Bad query: No such point" : "{\"Brackets\":[[100,2000]],\"Merged\":[100,2000]}\n");
        });
        http.createContext("/q/nearest/", exchange -> {
            boolean isFull = exchange.getRequestURI().getPath().endsWith(full.toString());
            answer(exchange, isFull ? 200 : 400, isFull ? "[3000, 1.000000]" : "Bad query: No such point");
        });
        http.start();
        try {
            NewestPoints rest =
                    new NewestPoints("http://127.0.0.1:" + http.getAddress().getPort() + "/", "key1");
            assertArrayEquals(new long[] {2000}, rest.newest(List.of(full)));
            assertArrayEquals(new long[] {3000, -1}, rest.newest(List.of(full, empty)));
        } finally {
            http.stop(0);
        }
        assertThrows(IOException.class, () -> NewestPoints.lasts("{\"Brackets\":[[1,2]]}", 2));
        assertEquals(
                List.of(
                        UUID.fromString("00000000-0000-0000-0000-000000000000"),
                        UUID.fromString("00000000-0000-0000-0000-000000000002")),
                NewestPoints.spread(List.of(new UUID(0, 0), new UUID(0, 1), new UUID(0, 2), new UUID(0, 3)), 2));
    }

    @Test
    void loadClientsReceiveEverySimulatedPmu() throws Exception {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        SimulatorOptions options = new SimulatorOptions(
                20,
                50,
                new InetSocketAddress("127.0.0.1", 0),
                DataFormat.FLOAT_POLAR,
                0,
                null,
                4,
                2,
                1,
                1,
                2,
                1_000_000,
                60,
                1,
                0);
        PmuSimulator simulator = new PmuSimulator(options, quiet);
        try (FrameServer server = new FrameServer(options.listen(), simulator, quiet);
                LoadClients clients = new LoadClients(
                        new InetSocketAddress("127.0.0.1", server.port()), C37BenchMain.streamIdcodes(20, 0, 1))) {
            clients.run(1500);
            assertEquals(20, clients.configFrames());
            assertEquals(0, clients.badFrames());
            assertTrue(clients.dataFrames() >= 20 * 50, "about 50 frames/s from each of 20: " + clients.dataFrames());
            List<Long> lags = clients.drainLags();
            assertTrue(LatencyTracker.percentile(lags, 0.5) < 200_000, "median lag under 200 ms");
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
