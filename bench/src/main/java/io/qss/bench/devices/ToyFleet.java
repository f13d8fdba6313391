// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.devices;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many toy line devices behind one loopback port, served by one thread: every connection gets a line
 * {@code <epoch ns>,<value>\n} {@code rate} times a second, aligned to the second, as a fleet of PMUs would send.
 */
final class ToyFleet implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Selector selector;
    private final int rate;
    private final List<SocketChannel> clients = new ArrayList<>();
    private final AtomicLong linesSent = new AtomicLong();
    private final AtomicLong linesDropped = new AtomicLong();
    private final AtomicLong ticksSkipped = new AtomicLong();
    private final Thread thread;
    private volatile boolean isRunning = true;

    ToyFleet(int rate) throws IOException {
        this.rate = rate;
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2048);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::run, "bench-toy-fleet");
        thread.start();
    }

    int port() {
        return server.socket().getLocalPort();
    }

    int connections() {
        synchronized (clients) {
            return clients.size();
        }
    }

    long linesSent() {
        return linesSent.get();
    }

    /** Lines not written because a connection's socket buffer was full (the manager did not keep up). */
    long linesDropped() {
        return linesDropped.get();
    }

    /** Ticks not sent because the fleet's thread was late by more than a period. */
    long ticksSkipped() {
        return ticksSkipped.get();
    }

    @Override
    public void close() throws IOException {
        isRunning = false;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SocketChannel c : clients) {
            c.close();
        }
        server.close();
        selector.close();
    }

    private void run() {
        long periodNanos = 1_000_000_000L / rate;
        long next = (System.currentTimeMillis() / 1000 + 1) * 1_000_000_000L;
        long value = 0;
        try {
            while (isRunning) {
                long nowEpochNanos = System.currentTimeMillis() * 1_000_000L;
                long waitMillis = Math.max(1, (next - nowEpochNanos) / 1_000_000);
                selector.select(waitMillis);
                accept();
                long now = System.currentTimeMillis() * 1_000_000L;
                if (now >= next) {
                    if (now - next > periodNanos) {
                        // behind (the machine is busy): skip the missed ticks rather than send stale lines in a burst
                        long missed = (now - next) / periodNanos;
                        ticksSkipped.addAndGet(missed);
                        next += missed * periodNanos;
                    }
                    sendAll(next, value++);
                    next += periodNanos;
                }
            }
        } catch (IOException e) {
            System.err.println("toy fleet failed: " + e);
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // gone either way
        }
    }

    private void accept() throws IOException {
        selector.selectedKeys().clear();
        SocketChannel c;
        while ((c = server.accept()) != null) {
            c.configureBlocking(false);
            synchronized (clients) {
                clients.add(c);
            }
        }
    }

    private void sendAll(long time, long value) {
        ByteBuffer line = ByteBuffer.wrap((time + "," + value % 1000 + "\n").getBytes(StandardCharsets.US_ASCII));
        synchronized (clients) {
            for (Iterator<SocketChannel> i = clients.iterator(); i.hasNext(); ) {
                SocketChannel c = i.next();
                try {
                    ByteBuffer copy = line.duplicate();
                    c.write(copy);
                    if (copy.hasRemaining()) {
                        linesDropped.incrementAndGet();
                    } else {
                        linesSent.incrementAndGet();
                    }
                } catch (IOException e) {
                    // the manager closed this connection (and opens another)
                    i.remove();
                    closeQuietly(c);
                }
            }
        }
    }
}
