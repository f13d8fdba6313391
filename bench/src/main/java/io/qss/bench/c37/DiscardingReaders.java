// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.c37;

import io.qss.c37sim.frame.Command;
import io.qss.c37sim.frame.FrameEncoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * Clients of a simulator that cost it as little as possible: one thread and one selector read every connection
 * into one buffer and throw the bytes away (no frame parsing), so what is measured is the simulator's sending.
 * Each connection turns transmission on like a client would. {@link #bytesRead()} may be read from any thread.
 */
final class DiscardingReaders implements AutoCloseable {
    static final String THREAD_NAME = "c37-discarding-reader";

    private final Selector selector = Selector.open();
    private final ByteBuffer sink = ByteBuffer.allocateDirect(1 << 16);
    private final Thread thread;
    private volatile long bytesRead;
    private volatile boolean isRunning = true;

    /** Connects one client per IDCODE of {@code idcodes} to {@code address} and starts reading. */
    DiscardingReaders(InetSocketAddress address, List<Integer> idcodes) throws IOException {
        for (int idcode : idcodes) {
            SocketChannel channel = SocketChannel.open();
            try {
                channel.connect(address);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.write(ByteBuffer.wrap(FrameEncoder.command(idcode, 2, 0, 0, Command.TURN_ON)));
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ);
            } catch (IOException e) {
                channel.close();
                close();
                throw new IOException(
                        "cannot connect [address=" + address + ", idcode=" + idcode + ", reason=" + e.getMessage()
                                + "]",
                        e);
            }
        }
        thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    long bytesRead() {
        return bytesRead;
    }

    long threadId() {
        return thread.getId();
    }

    private void run() {
        long total = 0;
        try {
            while (isRunning) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    total += drain((SocketChannel) key.channel());
                }
                selector.selectedKeys().clear();
                bytesRead = total;
            }
        } catch (IOException e) {
            if (isRunning) {
                System.err.println("c37 readers stopped [reason=" + e + "]");
            }
        }
    }

    private long drain(SocketChannel channel) throws IOException {
        long count = 0;
        for (int n = channel.read(sink); n > 0; n = channel.read(sink)) {
            count += n;
            sink.clear();
        }
        sink.clear();
        return count;
    }

    @Override
    public void close() throws IOException {
        isRunning = false;
        selector.wakeup();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }
}
