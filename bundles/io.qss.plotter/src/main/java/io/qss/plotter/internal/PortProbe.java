// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Finds out whether the plotter really is what answers on its port. The container's HTTP listener reports a failed
 * bind (port taken by another program) only in its log, so the plotter asks its own port for {@code /api/instance}
 * and compares the id with its own. Plain Java; each probe takes at most about two timeouts.
 */
final class PortProbe {

    /** What answers on the port. */
    enum Outcome {
        /** This plotter. */
        SERVING,
        /** Something else: the port is in use by another program. */
        OTHER_PROGRAM,
        /** Something accepts connections but gave no answer in time: a stuck plotter, or another program. */
        NO_ANSWER,
        /** Nothing listens on the loopback address, yet the port cannot be bound: held on another interface. */
        HELD_ELSEWHERE,
        /** Nothing at all: the listener has not started (yet), or failed to. */
        NOTHING
    }

    private static final int MAX_ANSWER = 8192;

    private PortProbe() {}

    /** Probes {@code host:port} ({@code 0.0.0.0} or empty probes the loopback address). */
    static Outcome probe(String host, int port, String instance, int timeoutMillis) {
        String target = host == null || host.isBlank() || host.equals("0.0.0.0") ? "127.0.0.1" : host;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream()
                    .write(("GET /api/instance HTTP/1.1\r\nHost: " + target + ":" + port
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return answer(socket.getInputStream()).contains("\"" + instance + "\"")
                    ? Outcome.SERVING
                    : Outcome.OTHER_PROGRAM;
        } catch (ConnectException e) {
            return isBindable(port) ? Outcome.NOTHING : Outcome.HELD_ELSEWHERE;
        } catch (SocketTimeoutException e) {
            return Outcome.NO_ANSWER;
        } catch (IOException e) {
            // connected, then reset or closed without an answer: not a plotter
            return Outcome.OTHER_PROGRAM;
        }
    }

    private static String answer(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        for (int n = in.read(buffer); n >= 0 && bytes.size() < MAX_ANSWER; n = in.read(buffer)) {
            bytes.write(buffer, 0, n);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isBindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (BindException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
