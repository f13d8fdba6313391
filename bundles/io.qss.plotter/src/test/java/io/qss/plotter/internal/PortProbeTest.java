// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The probe behind the plotter's health: this plotter, another program on its port, or nothing at all. */
class PortProbeTest {

    private static PlotterFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new PlotterFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void givenThisPlotterOnThePort_whenProbed_thenServing() {
        int port = URI.create(fixture.base()).getPort();
        assertEquals(PortProbe.Outcome.SERVING, PortProbe.probe("0.0.0.0", port, fixture.servlet.instance(), 2_000));
    }

    @Test
    void givenAnotherPlotterInstanceOnThePort_whenProbed_thenOtherProgram() {
        int port = URI.create(fixture.base()).getPort();
        assertEquals(PortProbe.Outcome.OTHER_PROGRAM, PortProbe.probe("127.0.0.1", port, "some-other-id", 2_000));
    }

    @Test
    void givenAnotherHttpServerOnThePort_whenProbed_thenOtherProgram() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerForever(other), "other-program");
            server.setDaemon(true);
            server.start();
            assertEquals(
                    PortProbe.Outcome.OTHER_PROGRAM,
                    PortProbe.probe("", other.getLocalPort(), fixture.servlet.instance(), 2_000));
        }
    }

    @Test
    void givenASilentProgramOnThePort_whenProbed_thenNoAnswerAfterTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            assertEquals(
                    PortProbe.Outcome.NO_ANSWER,
                    PortProbe.probe("127.0.0.1", silent.getLocalPort(), fixture.servlet.instance(), 300));
        }
    }

    @Test
    void givenNothingOnThePort_whenProbed_thenNothing() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        assertEquals(PortProbe.Outcome.NOTHING, PortProbe.probe("0.0.0.0", port, fixture.servlet.instance(), 2_000));
    }

    private static void answerForever(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.getInputStream().read(new byte[4096]);
                client.getOutputStream()
                        .write("HTTP/1.1 200 OK\r\nContent-Length: 14\r\n\r\n{\"other\":true}"
                                .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return;
            }
        }
    }
}
