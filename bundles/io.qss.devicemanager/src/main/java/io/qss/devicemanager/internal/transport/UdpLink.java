// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.Executor;

/**
 * A UDP port a device sends to on its own (C37.118 spontaneous data); answers go to the sender of the last datagram.
 * A bind failure (port in use) is retried with back-off.
 */
public final class UdpLink extends BaseLink {

    /** Datagrams per ready key before other devices get their turn. */
    private static final int DATAGRAMS_PER_TURN = 64;

    private DatagramChannel channel;
    private SelectionKey key;
    private volatile SocketAddress lastSender;

    public UdpLink(NetLoop loop, String host, int port, LinkListener listener, Backoff backoff, Executor resolver) {
        super(loop, host, port, listener, backoff, resolver);
    }

    @Override
    void start(InetSocketAddress address) {
        try {
            channel = DatagramChannel.open();
            channel.configureBlocking(false);
            channel.bind(address);
            key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
            established();
        } catch (IOException e) {
            failed("binding UDP port failed [address=" + address() + ", cause=" + e.getMessage() + "]");
        }
    }

    @Override
    void ready(SelectionKey readyKey) {
        try {
            if (readyKey.isWritable()) {
                flush();
            }
            if (readyKey.isValid() && readyKey.isReadable()) {
                receive();
            }
        } catch (IOException e) {
            failed("receiving failed [address=" + address() + ", cause=" + e.getMessage() + "]");
        }
    }

    @Override
    void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the port is released either way
            }
            channel = null;
            key = null;
        }
    }

    @Override
    void checkSendable() throws IOException {
        if (lastSender == null) {
            throw new IOException("no datagram received yet, so no sender to answer [address=" + address() + "]");
        }
    }

    @Override
    boolean write(ByteBuffer bytes) throws IOException {
        // a datagram goes out whole or not at all (0 = the socket buffer is full, try again when writable)
        return channel.send(bytes, lastSender) > 0 || !bytes.hasRemaining();
    }

    @Override
    void wantWrite(boolean isWanted) {
        if (key != null && key.isValid()) {
            key.interestOps(isWanted ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    private void receive() throws IOException {
        for (int i = 0; i < DATAGRAMS_PER_TURN && channel != null; i++) {
            ByteBuffer buffer = loop.readBuffer();
            SocketAddress from = channel.receive(buffer);
            if (from == null) {
                return;
            }
            lastSender = from;
            deliver(buffer.flip());
        }
        loop.backlogged();
    }
}
