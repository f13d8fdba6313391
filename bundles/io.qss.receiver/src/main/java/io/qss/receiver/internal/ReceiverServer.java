// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP server of the uPMU transfer protocol: one thread accepts, one thread per connection (at most
 * {@code maxConnections}) reads messages, spools them and answers. Plain Java: {@link #start}, {@link #close}.
 */
public final class ReceiverServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverServer.class);

    private final ServerSocket server;
    private final ThreadPoolExecutor connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final MessageHandler handler;
    private final int readTimeoutMillis;
    private final Thread acceptor;
    private volatile boolean closed;

    ReceiverServer(String host, int port, MessageHandler handler, int readTimeoutMillis, int maxConnections)
            throws IOException {
        this.handler = handler;
        this.readTimeoutMillis = readTimeoutMillis;
        server = new ServerSocket();
        server.setReuseAddress(true);
        try {
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
        } catch (IOException e) {
            server.close();
            throw new IOException("binding receiver failed [host=" + host + ", port=" + port + "]", e);
        }
        AtomicInteger ids = new AtomicInteger();
        connections = new ThreadPoolExecutor(0, maxConnections, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemon(r, "qss-receiver-conn-" + ids.incrementAndGet()));
        acceptor = daemon(this::acceptLoop, "qss-receiver-accept");
    }

    /** Starts accepting connections. */
    void start() {
        acceptor.start();
    }

    /** The bound port. */
    public int port() {
        return server.getLocalPort();
    }

    /** Connections open now. */
    int openConnections() {
        return open.size();
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
            try {
                connections.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                LOG.warn("connection refused: too many connections [remote={}, max={}]",
                        socket.getRemoteSocketAddress(), connections.getMaximumPoolSize());
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        open.add(socket);
        String remote = String.valueOf(socket.getRemoteSocketAddress());
        try (socket) {
            socket.setSoTimeout(readTimeoutMillis);
            socket.setTcpNoDelay(true);
            handler.serve(socket.getInputStream(), socket.getOutputStream(), remote);
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("connection closed: {} [remote={}]", e.getMessage(), remote);
            }
        } finally {
            open.remove(socket);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        open.forEach(ReceiverServer::closeQuietly);
        connections.shutdownNow();
        try {
            acceptor.join(5000);
            connections.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
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
