// SPDX-License-Identifier: Apache-2.0
package io.qss.ups.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A client of apcupsd's Network Information Server (what {@code apcaccess} talks to). Every message either way is a
 * two-byte big-endian length followed by that many bytes; the client sends {@code status}, the server answers with
 * one message per status line and ends with a zero-length message. One connection per request, as apcaccess does.
 * Stateless and thread-safe.
 */
final class NisClient {

    /** apcupsd sends about 50 lines; a server that never ends its answer is cut off here. */
    private static final int MAX_LINES = 1_000;

    private static final byte[] STATUS = "status".getBytes(StandardCharsets.US_ASCII);

    private final String host;
    private final int port;
    private final int timeoutMillis;

    NisClient(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /** Asks for the status; returns its lines without line ends, in the server's order. */
    List<String> status() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(STATUS.length);
            out.write(STATUS);
            out.flush();
            return readAnswer(new DataInputStream(new BufferedInputStream(socket.getInputStream())));
        } catch (IOException e) {
            throw new IOException(
                    "apcupsd status request failed [host=" + host + ", port=" + port + ", cause=" + e.getMessage()
                            + "]",
                    e);
        }
    }

    private static List<String> readAnswer(DataInputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int length = in.readUnsignedShort(); length > 0; length = in.readUnsignedShort()) {
            byte[] message = new byte[length];
            in.readFully(message);
            lines.add(new String(message, StandardCharsets.ISO_8859_1).stripTrailing());
            if (lines.size() > MAX_LINES) {
                throw new IOException("status answer without an end [lines=" + lines.size() + "]");
            }
        }
        return lines;
    }
}
