// SPDX-License-Identifier: Apache-2.0
package io.qss.ups.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server speaking apcupsd's network-information protocol: reads one length-prefixed request and, for
 * {@code status}, sends each line as its own message (with its line end, as apcupsd does) and a zero-length message.
 */
public final class NisServer implements AutoCloseable {

    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final Thread thread = new Thread(this::serve, "nis-test-server");
    private final AtomicInteger requests = new AtomicInteger();
    private volatile List<String> lines;
    private volatile boolean isSilent;

    public NisServer(List<String> lines) throws IOException {
        this.lines = lines;
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public void answer(List<String> next) {
        lines = next;
    }

    /** Accepts connections but never answers (a hung apcupsd). */
    public void silence() {
        isSilent = true;
    }

    public int requests() {
        return requests.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                DataInputStream in = new DataInputStream(client.getInputStream());
                byte[] request = new byte[in.readUnsignedShort()];
                in.readFully(request);
                requests.incrementAndGet();
                if (isSilent) {
                    in.read();
                    continue;
                }
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
                // the client went away, or the server closed: serve the next one or stop
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
