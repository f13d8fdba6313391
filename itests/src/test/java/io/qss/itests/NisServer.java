// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A loopback stand-in for apcupsd's network information server (what {@code apcaccess} asks), answering
 * {@code status} with a golden apcupsd status: each line one length-prefixed message, then a zero-length message.
 */
final class NisServer implements AutoCloseable {

    /** The golden status of an APC Smart-UPS 750 on USB, shared with the io.qss.ups unit tests. */
    static final Path GOLDEN = Path.of("../bundles/io.qss.ups/src/test/resources/apcupsd/smt750-online.status");

    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<String> lines;

    NisServer() throws IOException {
        lines = Files.readAllLines(GOLDEN, StandardCharsets.ISO_8859_1);
        Thread thread = new Thread(this::serve, "nis-itest-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                DataInputStream in = new DataInputStream(client.getInputStream());
                byte[] request = new byte[in.readUnsignedShort()];
                in.readFully(request);
                DataOutputStream out = new DataOutputStream(client.getOutputStream());
                if ("status".equals(new String(request, StandardCharsets.US_ASCII))) {
                    for (String line : lines) {
                        byte[] message = (line + "\n").getBytes(StandardCharsets.ISO_8859_1);
                        out.writeShort(message.length);
                        out.write(message);
                    }
                }
                out.writeShort(0);
                out.flush();
            } catch (IOException e) {
                // a client that went away, or the socket closed: go on with the next one, or stop
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
