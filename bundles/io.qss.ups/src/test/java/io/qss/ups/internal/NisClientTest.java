// SPDX-License-Identifier: Apache-2.0
package io.qss.ups.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NisClientTest {

    @Test
    void givenApcupsdAnswer_whenStatusRequested_thenEveryLineArrivesAndParses() throws Exception {
        try (NisServer server = new NisServer(Samples.online())) {
            List<String> lines = new NisClient("127.0.0.1", server.port(), Duration.ofSeconds(2)).status();

            assertEquals(Samples.online().stream().map(String::stripTrailing).toList(), lines);
            ApcStatus status = ApcStatus.parse(lines);
            assertEquals("Smart-UPS 750", status.model());
            assertEquals(List.of("ONLINE"), List.copyOf(status.flags()));
            assertEquals(Optional.of(100.0), status.batteryChargePercent());
            assertEquals(Optional.of(97.0), status.timeLeftMinutes());
            assertEquals(Optional.of(11.0), status.loadPercent());
            assertEquals(Optional.of(229.6), status.lineVoltage());
            assertEquals("2026-11-20 08:02:11 +0000", status.values().get("STARTTIME"));
            assertEquals(1, server.requests());
        }
    }

    @Test
    void givenNothingListening_whenStatusRequested_thenFailureNamesTheServer() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        NisClient client = new NisClient("127.0.0.1", port, Duration.ofSeconds(1));

        IOException e = assertThrows(IOException.class, client::status);

        assertTrue(
                e.getMessage().startsWith("apcupsd status request failed [host=127.0.0.1, port=" + port),
                e.getMessage());
    }

    @Test
    void givenHungServer_whenStatusRequested_thenTimesOut() throws Exception {
        try (NisServer server = new NisServer(Samples.online())) {
            server.silence();
            long start = System.nanoTime();

            assertThrows(
                    IOException.class,
                    () -> new NisClient("127.0.0.1", server.port(), Duration.ofMillis(300)).status());

            assertTrue(System.nanoTime() - start < 5_000_000_000L);
        }
    }
}
