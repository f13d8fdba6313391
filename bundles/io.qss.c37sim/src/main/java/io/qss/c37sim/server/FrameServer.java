// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.server;

import io.qss.c37sim.frame.FrameReader;
import io.qss.c37sim.frame.RawFrame;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP server on one thread and one selector (no thread per client, so a thousand clients cost little): accepts
 * clients, cuts their bytes into frames for the handler (frames with a bad CRC are counted and dropped, the
 * connection stays) and calls the handler's clock when it is due. Thread-safe: {@link #close()} may be called from
 * any thread.
 */
public final class FrameServer implements AutoCloseable {
    private final Selector selector;
    private final ServerSocketChannel server;
    private final FrameHandler handler;
    private final PrintStream log;
    private final FrameReader reader = new FrameReader();
    private final AtomicLong badFrames = new AtomicLong();
    private final Thread thread;
    private volatile boolean isRunning = true;

    /** Binds {@code address} (port 0: any free port) and starts serving. */
    public FrameServer(InetSocketAddress address, FrameHandler handler, PrintStream log) throws IOException {
        this(address, handler, log, false, "qss-c37-server");
    }

    /**
     * Binds {@code address}, with {@code reusePort} sharing it with other servers of this process (SO_REUSEPORT: the
     * kernel spreads the clients over them), and starts serving on a thread named {@code threadName}.
     */
    FrameServer(InetSocketAddress address, FrameHandler handler, PrintStream log, boolean reusePort, String threadName)
            throws IOException {
        this.handler = handler;
        this.log = log;
        selector = Selector.open();
        server = ServerSocketChannel.open();
        try {
            if (reusePort) {
                server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            server.bind(address, 1024);
        } catch (IOException | UnsupportedOperationException e) {
            selector.close();
            server.close();
            throw new IOException(
                    "cannot listen [address=" + address + ", sharedPort=" + reusePort + ", reason=" + e.getMessage()
                            + "]",
                    e);
        }
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::run, threadName);
        thread.start();
    }

    /** The port clients connect to. */
    public int port() {
        return server.socket().getLocalPort();
    }

    /** Frames received with a CRC that did not match. */
    public long badFrames() {
        return badFrames.get();
    }

    /** Current time, epoch nanoseconds. */
    public static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private void run() {
        try {
            long due = handler.tick(nowNanos());
            while (isRunning) {
                long waitMillis = Math.max(0, (due - nowNanos()) / 1_000_000);
                if (waitMillis == 0) {
                    selector.selectNow();
                } else {
                    selector.select(waitMillis);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    handleSafely(key);
                }
                selector.selectedKeys().clear();
                long now = nowNanos();
                if (now >= due) {
                    due = handler.tick(now);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (isRunning) {
                log.println("qss-c37: server stopped [reason=" + e + "]");
            }
        } finally {
            closeAll();
        }
    }

    /** One client's failure (a frame the handler cannot build, say) closes that client, not the server. */
    private void handleSafely(SelectionKey key) throws IOException {
        try {
            handle(key);
        } catch (RuntimeException e) {
            log.println("qss-c37: client closed after a failure [reason=" + e.getMessage() + "]");
            if (key.attachment() instanceof Connection connection) {
                connection.close();
            }
        }
    }

    private void handle(SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
            return;
        }
        Connection connection = (Connection) key.attachment();
        if (key.isWritable()) {
            connection.flush();
        }
        if (key.isValid() && key.isReadable()) {
            read(connection);
        }
    }

    /** Accepts every waiting client: a thousand PMU clients connecting at once must not wait for ticks. */
    private void accept() throws IOException {
        for (SocketChannel channel = server.accept(); channel != null; channel = server.accept()) {
            channel.configureBlocking(false);
            channel.socket().setTcpNoDelay(true);
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            Connection connection = new Connection(channel, key, handler::disconnected);
            key.attach(connection);
            handler.connected(connection);
        }
    }

    private void read(Connection connection) {
        ByteBuffer inbox = connection.inbox();
        int count;
        try {
            count = connection.channel().read(inbox);
        } catch (IOException e) {
            count = -1;
        }
        if (count < 0) {
            connection.close();
            return;
        }
        inbox.flip();
        for (RawFrame frame = reader.next(inbox); frame != null; frame = reader.next(inbox)) {
            if (frame.isCrcOk()) {
                handler.received(connection, frame);
            } else {
                badFrames.incrementAndGet();
                log.println("qss-c37: frame with a bad CRC dropped [from=" + connection.remote() + ", idcode="
                        + frame.idcode() + "]");
            }
        }
        inbox.compact();
        if (!inbox.hasRemaining()) {
            inbox.clear(); // a full inbox holding no frame is garbage: start afresh
        }
    }

    private void closeAll() {
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection connection) {
                connection.close();
            }
        }
        try {
            server.close();
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops serving, closes every connection and waits for the server's thread. */
    @Override
    public void close() throws InterruptedException {
        isRunning = false;
        selector.wakeup();
        thread.join(10_000);
    }
}
