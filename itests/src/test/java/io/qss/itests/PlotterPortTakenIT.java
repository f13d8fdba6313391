// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another program holding the plotter's port shows in health, not only in karaf.log: component {@code plotter} is
 * DOWN saying the port is in use, in {@code /health} and in {@code qss:status}.
 */
class PlotterPortTakenIT {

    /** As long as a boot may take on a loaded machine (the distribution waits as long for its own start). */
    private static final Duration WAIT = Distribution.BOOT_TIMEOUT;

    @TempDir
    Path dir;

    @Test
    void givenThePlotterPortHeldByAnotherProgram_whenBooted_thenPlotterDownWithPortInUse() throws Exception {
        try (Distribution qss = Distribution.unpack(dir);
                ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress("0.0.0.0", qss.plotterPort));
            Thread answering = new Thread(() -> answerForever(other), "other-program");
            answering.setDaemon(true);
            answering.start();
            qss.launch();
            String expected = "\"plotter\":{\"state\":\"DOWN\",\"detail\":\"port " + qss.plotterPort
                    + " in use by another program";
            String health = awaitHealthContaining(qss, expected);
            assertTrue(health.contains("\"rest\":{\"state\":\"UP\""), "the rest of qss serves: " + health);
            Distribution.CommandResult status = qss.console("qss:status");
            assertTrue(
                    status.output().contains("plotter")
                            && status.output().contains("port " + qss.plotterPort + " in use by another program"),
                    status.output());
            qss.stop();
        }
    }

    private static String awaitHealthContaining(Distribution qss, String fragment) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String health = null;
        while (System.nanoTime() < deadline) {
            health = qss.get("/health");
            if (health != null && health.contains(fragment)) {
                return health;
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        throw new AssertionError(
                "no " + fragment + " within " + WAIT + " [health=" + health + ", errors=" + qss.bootErrors() + "]");
    }

    /** Another web server on the port: answers every request with its own page. */
    private static void answerForever(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.setSoTimeout(2_000);
                client.getInputStream().read(new byte[8192]);
                client.getOutputStream()
                        .write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nother"
                                .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // a client that went away; keep serving until the socket is closed
            }
        }
    }
}
