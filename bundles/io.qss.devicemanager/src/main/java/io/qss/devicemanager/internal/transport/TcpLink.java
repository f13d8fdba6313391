// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;

/** A TCP client connection to a device (a PMU, a PDC), kept open and reconnected with back-off. */
public final class TcpLink extends BaseLink {

    /** Reads per ready key before other devices get their turn. */
    private static final int READS_PER_TURN = 4;

    private final long connectTimeoutMillis;
    private SocketChannel channel;
    private SelectionKey key;
    private NetLoop.Timer connectTimer;

    public TcpLink(
            NetLoop loop,
            String host,
            int port,
            LinkListener listener,
            Backoff backoff,
            Executor resolver,
            long connectTimeoutMillis) {
        super(loop, host, port, listener, backoff, resolver);
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    @Override
    void start(InetSocketAddress address) {
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            key = channel.register(loop.selector(), 0, this);
            if (channel.connect(address)) {
                connectedNow();
            } else {
                key.interestOps(SelectionKey.OP_CONNECT);
                connectTimer = loop.schedule(
                        connectTimeoutMillis,
                        () -> failed("connect timed out [address=" + address() + ", timeoutMillis="
                                + connectTimeoutMillis + "]"));
            }
        } catch (IOException e) {
            failed(connectFailure(e));
        }
    }

    @Override
    void ready(SelectionKey readyKey) {
        try {
            if (readyKey.isConnectable()) {
                if (channel.finishConnect()) {
                    connectedNow();
                }
                return;
            }
            if (readyKey.isWritable()) {
                flush();
            }
            if (readyKey.isValid() && readyKey.isReadable()) {
                read();
            }
        } catch (IOException e) {
            failed(
                    isUp()
                            ? "connection lost [address=" + address() + ", cause=" + e.getMessage() + "]"
                            : connectFailure(e));
        }
    }

    @Override
    void closeChannel() {
        if (connectTimer != null) {
            connectTimer.cancel();
            connectTimer = null;
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a socket that failed already: nothing left to release
            }
            channel = null;
            key = null;
        }
    }

    @Override
    boolean write(ByteBuffer bytes) throws IOException {
        channel.write(bytes);
        return !bytes.hasRemaining();
    }

    @Override
    void wantWrite(boolean isWanted) {
        if (key != null && key.isValid()) {
            key.interestOps(isWanted ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    private void connectedNow() {
        if (connectTimer != null) {
            connectTimer.cancel();
            connectTimer = null;
        }
        key.interestOps(SelectionKey.OP_READ);
        established();
    }

    private void read() throws IOException {
        for (int i = 0; i < READS_PER_TURN && channel != null; i++) {
            ByteBuffer buffer = loop.readBuffer();
            int n = channel.read(buffer);
            if (n < 0) {
                failed("connection closed by the device [address=" + address() + "]");
                return;
            }
            if (n == 0) {
                return;
            }
            deliver(buffer.flip());
            if (buffer.limit() < buffer.capacity()) {
                return;
            }
        }
        loop.backlogged();
    }

    private String connectFailure(IOException e) {
        return "connect failed [address=" + address() + ", cause=" + e.getMessage() + "]";
    }
}
