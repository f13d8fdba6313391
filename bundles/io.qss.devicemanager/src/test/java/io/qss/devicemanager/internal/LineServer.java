// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A device for the tests: a TCP server on a free loopback port that accepts one connection at a time, records what
 * the manager sends and writes what the test asks. Thread-safe.
 */
final class LineServer implements AutoCloseable {

    private final ServerSocket server;
    private final Thread acceptor;
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream heard = new ByteArrayOutputStream();
    private volatile Socket current;

    LineServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "test-line-server");
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Waits for the manager's next connection. */
    void awaitConnection() throws InterruptedException {
        Socket socket = accepted.poll(20, TimeUnit.SECONDS);
        if (socket == null) {
            throw new AssertionError("no connection from the manager [port=" + port() + "]");
        }
        current = socket;
    }

    void write(String text) throws IOException {
        OutputStream out = current.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Lines {@code <t>,<t % 1000>} for t in [from, to). */
    void writeSamples(long from, long to) throws IOException {
        StringBuilder text = new StringBuilder();
        for (long t = from; t < to; t++) {
            text.append(t).append(',').append(t % 1000).append('\n');
        }
        write(text.toString());
    }

    /** Drops the current connection, as a device restarting would. */
    void dropConnection() throws IOException {
        current.close();
    }

    /** What the manager sent over every connection so far. */
    String heard() {
        synchronized (heard) {
            return heard.toString(StandardCharsets.US_ASCII);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (current != null) {
            current.close();
        }
        for (Socket s : accepted) {
            s.close();
        }
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket socket = server.accept();
                accepted.add(socket);
                Thread reader = new Thread(() -> listen(socket), "test-line-server-reader");
                reader.setDaemon(true);
                reader.start();
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    private void listen(Socket socket) {
        try (InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (heard) {
                    heard.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the connection ended
        }
    }
}
