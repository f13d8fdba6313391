// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import io.qss.core.log.LogThrottle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP server of the uPMU transfer protocol: one thread accepts, one thread per connection reads messages,
 * spools them and answers, and a watchdog closes connections that break a deadline (header, body rate, idle). The
 * {@link ConnectionTable} bounds the connections, evicting the stalest for a new one. Plain Java: {@link #start},
 * {@link #close}.
 */
public final class ReceiverServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverServer.class);
    private static final long WATCHDOG_MILLIS = 500;
    /** A connection thread's stack: its protocol loop is shallow, and thousands of them must fit. */
    private static final long CONNECTION_STACK_BYTES = 256 * 1024;

    private final ServerSocket server;
    private final ExecutorService connections;
    private final ScheduledExecutorService watchdog;
    private final ConnectionTable table;
    private final MessageHandler handler;
    private final ConnectionLimits limits;
    private final Thread acceptor;
    private final LogThrottle closedLog = LogThrottle.oncePer(Duration.ofMinutes(1));
    private volatile boolean closed;

    ReceiverServer(String host, int port, MessageHandler handler, ConnectionLimits limits, ReceiverPressure pressure)
            throws IOException {
        this.handler = handler;
        this.limits = limits;
        this.table = new ConnectionTable(limits, pressure);
        server = new ServerSocket();
        server.setReuseAddress(true);
        try {
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1024);
        } catch (IOException e) {
            server.close();
            throw new IOException("binding receiver failed [host=" + host + ", port=" + port + "]", e);
        }
        AtomicInteger ids = new AtomicInteger();
        // Unbounded on purpose: the table bounds the connections; an evicted one's thread ends at once.
        connections = Executors.newCachedThreadPool(
                r -> daemon(r, "qss-receiver-conn-" + ids.incrementAndGet(), CONNECTION_STACK_BYTES));
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "qss-receiver-watchdog", 0));
        acceptor = daemon(this::acceptLoop, "qss-receiver-accept", 0);
    }

    /** Starts accepting connections. */
    void start() {
        watchdog.scheduleWithFixedDelay(this::closeOverdue, WATCHDOG_MILLIS, WATCHDOG_MILLIS, TimeUnit.MILLISECONDS);
        acceptor.start();
    }

    /** The bound port. */
    public int port() {
        return server.getLocalPort();
    }

    /** Connections open now. */
    int openConnections() {
        return table.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("accepting a connection failed [port={}]", port(), e);
                }
                continue;
            }
            Connection c = new Connection(socket, System::nanoTime);
            table.admit(c);
            try {
                connections.execute(() -> serve(c));
            } catch (RuntimeException | OutOfMemoryError e) {
                // Out of threads: refuse this one rather than stop accepting.
                LOG.error("serving a connection failed [remote={}]", c.remote(), e);
                table.remove(c);
                c.close("no thread to serve it");
            }
        }
    }

    private void serve(Connection c) {
        try (Socket socket = c.socket()) {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, limits.idleNanos() / 1_000_000));
            socket.setTcpNoDelay(true);
            handler.serve(c);
        } catch (IOException e) {
            if (!closed) {
                logClosed(c, e);
            }
        } finally {
            table.remove(c);
        }
    }

    private void logClosed(Connection c, IOException e) {
        String reason = c.closeReason() != null ? c.closeReason() : e.getMessage();
        long n = closedLog.occurred();
        if (n > 0) {
            LOG.warn(
                    "connection closed: {} [remote={}, closedSinceLastLogged={}, open={}]",
                    reason,
                    c.remote(),
                    n,
                    table.size());
        }
    }

    private void closeOverdue() {
        try {
            table.closeOverdue(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.error("checking connection deadlines failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        watchdog.shutdownNow();
        table.snapshot().forEach(c -> c.close("receiver stopping"));
        connections.shutdownNow();
        try {
            acceptor.join(5000);
            connections.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name, long stackBytes) {
        Thread t = new Thread(null, r, name, stackBytes);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("closing failed", e);
        }
    }
}
