// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import io.qss.dat.transfer.FrameHeader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Broken and hostile clients of the receiver, held open while a test runs: {@code stalled} connections that send
 * 18 bytes of a message (its header and 2 path bytes) and stop, spread over loopback source addresses
 * {@code 127.0.1.1…}, and {@code big} connections that declare a file of the protocol's maximum size, send all but
 * {@code shortBy} bytes of it and stop. A connection the receiver closes is opened again at once, as an attacker
 * would, so the load is held however the receiver defends itself. One selector thread keeps the stalled ones, one
 * thread per big one.
 */
final class ReceiverFlood implements AutoCloseable {

    /** An attacker that reconnects at once would only make both sides spin; this one waits a little. */
    private static final long RECONNECT_PAUSE_MILLIS = 20;

    private final InetSocketAddress receiver;
    private final int addresses;
    private final long bigSent;
    private final Selector selector;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Socket> bigSockets = new ArrayList<>();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicInteger bigStalled = new AtomicInteger();
    private volatile boolean isClosed;
    private int next;

    private ReceiverFlood(InetSocketAddress receiver, int addresses, long bigSent) throws IOException {
        this.receiver = receiver;
        this.addresses = addresses;
        this.bigSent = bigSent;
        this.selector = Selector.open();
    }

    /**
     * Opens the connections and returns once every stalled one sent its bytes and every big one began; big ones go
     * on sending in the background.
     */
    static ReceiverFlood start(InetSocketAddress receiver, int stalled, int addresses, int big, long shortBy)
            throws IOException {
        ReceiverFlood flood = new ReceiverFlood(receiver, addresses, FrameHeader.MAX_DATA_BYTES - shortBy);
        for (int i = 0; i < stalled; i++) {
            flood.openStalled();
        }
        flood.daemon(flood::keepStalled, "flood-stalled");
        for (int i = 0; i < big; i++) {
            int n = i;
            flood.daemon(() -> flood.keepBig(n), "flood-big-" + i);
        }
        return flood;
    }

    /** Waits until every big connection has sent its bytes and stalls (or {@code timeoutMillis} passed). */
    void awaitBigStalled(int big, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (bigStalled.get() < big && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
    }

    /** Big connections that sent their bytes and stall now. */
    int bigStalled() {
        return bigStalled.get();
    }

    /** Connections the receiver closed and the flood opened again. */
    long reconnects() {
        return reconnects.get();
    }

    private void openStalled() throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.bind(new InetSocketAddress("127.0.1." + (1 + next++ % addresses), 0));
        ch.connect(receiver);
        ch.write(ByteBuffer.wrap(FrameHeader.encodePreamble(1, "/root/upmu_data/x.dat", "PFLOOD", 1000), 0, 18));
        ch.configureBlocking(false);
        ch.register(selector, SelectionKey.OP_READ);
    }

    /** Opens a stalled connection again for every one the receiver closed. */
    private void keepStalled() {
        ByteBuffer sink = ByteBuffer.allocate(64);
        while (!isClosed) {
            try {
                selector.select(500);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel ch = (SocketChannel) key.channel();
                    int n;
                    try {
                        n = ch.read(sink.clear());
                    } catch (IOException e) {
                        n = -1;
                    }
                    if (n < 0) {
                        key.cancel();
                        ch.close();
                        reconnects.incrementAndGet();
                        Thread.sleep(RECONNECT_PAUSE_MILLIS);
                        openStalled();
                    }
                }
                selector.selectedKeys().clear();
            } catch (ClosedSelectorException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                if (!isClosed) {
                    sleep();
                }
            }
        }
    }

    /** Declares a maximum-size file, sends all but the last bytes, waits to be closed, and starts over. */
    private void keepBig(int index) {
        byte[] chunk = new byte[64 * 1024];
        while (!isClosed) {
            try (Socket s = new Socket()) {
                s.bind(new InetSocketAddress("127.0.2." + (1 + index % 250), 0));
                s.connect(receiver);
                synchronized (bigSockets) {
                    bigSockets.add(s);
                }
                OutputStream out = s.getOutputStream();
                out.write(FrameHeader.encodePreamble(
                        1, "/root/upmu_data/big.dat", "PBIG" + index, FrameHeader.MAX_DATA_BYTES));
                for (long left = bigSent; left > 0; ) {
                    int n = (int) Math.min(left, chunk.length);
                    out.write(chunk, 0, n);
                    left -= n;
                }
                bigStalled.incrementAndGet();
                try {
                    while (s.getInputStream().read() >= 0) {
                        // Stalled: wait for the receiver to give up on us.
                    }
                } finally {
                    bigStalled.decrementAndGet();
                }
            } catch (IOException e) {
                // Closed by the receiver: start over.
            }
            if (!isClosed) {
                reconnects.incrementAndGet();
                sleep();
            }
        }
    }

    private void daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        isClosed = true;
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
        synchronized (bigSockets) {
            for (Socket s : bigSockets) {
                s.close();
            }
        }
    }
}
