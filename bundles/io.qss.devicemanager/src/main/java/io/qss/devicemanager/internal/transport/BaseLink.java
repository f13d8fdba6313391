// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * The transport of one live device, owned by the device manager: it opens the channel, reports what arrives to its
 * {@link LinkListener} and reopens the channel with back-off after each failure, until {@link #close()}. Its state is
 * confined to the {@link NetLoop}'s thread except {@link #send}, {@link #isUp()} and the public lifecycle calls, which
 * any thread may make.
 */
public abstract sealed class BaseLink permits TcpLink, UdpLink {

    /** Bytes {@link #send} may queue while the device does not read them. */
    static final long MAX_QUEUED_BYTES = 1 << 20;

    final NetLoop loop;
    final String host;
    final int port;
    final LinkListener listener;
    private final Backoff backoff;
    private final Executor resolver;
    private final ArrayDeque<ByteBuffer> outbox = new ArrayDeque<>();
    private long queuedBytes;
    private volatile boolean isUp;
    private boolean isClosed;
    private NetLoop.Timer retryTimer;

    BaseLink(NetLoop loop, String host, int port, LinkListener listener, Backoff backoff, Executor resolver) {
        this.loop = loop;
        this.host = host;
        this.port = port;
        this.listener = listener;
        this.backoff = backoff;
        this.resolver = resolver;
    }

    /** Starts the first attempt; failures are reported to the listener and retried. */
    public void open() {
        loop.execute(this::attempt);
    }

    /** Closes the channel for good; nothing is reported afterwards. */
    public void close() {
        loop.execute(this::closeNow);
    }

    /** True while the connection is established (TCP) or the port bound (UDP). */
    public boolean isUp() {
        return isUp;
    }

    /** {@code host:port}, as operators name the endpoint. */
    public String address() {
        return (host.isEmpty() ? "*" : host) + ":" + port;
    }

    /**
     * Queues {@code bytes} (copied) for the device: on TCP the connection, on UDP the sender of the last datagram.
     *
     * @throws IOException when the link is down or more than 1 MiB waits unsent
     */
    public void send(ByteBuffer bytes) throws IOException {
        ByteBuffer copy = ByteBuffer.allocate(bytes.remaining()).put(bytes).flip();
        synchronized (outbox) {
            if (!isUp) {
                throw new IOException("not connected [address=" + address() + "]");
            }
            checkSendable();
            if (queuedBytes + copy.remaining() > MAX_QUEUED_BYTES) {
                throw new IOException("send queue full [address=" + address() + ", queuedBytes=" + queuedBytes + "]");
            }
            outbox.add(copy);
            queuedBytes += copy.remaining();
        }
        loop.execute(this::flush);
    }

    /** Drops an established connection for {@code reason} and reconnects after the back-off; no-op while down. */
    public void restart(String reason) {
        loop.execute(() -> {
            if (isUp) {
                failed(reason);
            }
        });
    }

    /** Throws when the link cannot take bytes to send although it is up. */
    void checkSendable() throws IOException {}

    /** Opens the channel to (or on) {@code address}; calls {@link #established()} or {@link #failed}. */
    abstract void start(InetSocketAddress address);

    /** The selector found the link's key ready. */
    abstract void ready(SelectionKey key);

    /** Closes the channel, if any, and cancels its key. */
    abstract void closeChannel();

    /** Writes {@code bytes}; true when all went out, false when the channel is full (the rest stays in it). */
    abstract boolean write(ByteBuffer bytes) throws IOException;

    /** Sets or clears interest in writability once the outbox is blocked or empty. */
    abstract void wantWrite(boolean isWanted);

    final void established() {
        isUp = true;
        listener.up();
        flush();
    }

    final void failed(String reason) {
        closeChannel();
        isUp = false;
        synchronized (outbox) {
            outbox.clear();
            queuedBytes = 0;
        }
        if (isClosed) {
            return;
        }
        long delay = backoff.next();
        listener.down(reason, delay);
        retryTimer = loop.schedule(delay, this::attempt);
    }

    /** Hands the bytes in {@code read} to the listener; bytes arriving prove the endpoint, so back-off restarts. */
    final void deliver(ByteBuffer read) {
        byte[] bytes = new byte[read.remaining()];
        read.get(bytes);
        loop.read();
        backoff.reset();
        listener.received(bytes);
    }

    final void flush() {
        if (!isUp) {
            return;
        }
        try {
            while (true) {
                ByteBuffer next;
                synchronized (outbox) {
                    next = outbox.peek();
                }
                if (next == null) {
                    wantWrite(false);
                    return;
                }
                int before = next.remaining();
                boolean isComplete = write(next);
                synchronized (outbox) {
                    queuedBytes -= before - next.remaining();
                    if (isComplete) {
                        outbox.poll();
                    }
                }
                if (!isComplete) {
                    wantWrite(true);
                    return;
                }
            }
        } catch (IOException e) {
            failed("sending failed [address=" + address() + ", cause=" + e.getMessage() + "]");
        }
    }

    final void closeNow() {
        isClosed = true;
        if (retryTimer != null) {
            retryTimer.cancel();
        }
        closeChannel();
        isUp = false;
    }

    private void attempt() {
        if (isClosed) {
            return;
        }
        // Resolving a host name may block on DNS: never on the loop's thread.
        resolver.execute(() -> {
            InetSocketAddress address =
                    host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
            loop.execute(() -> {
                if (isClosed) {
                    return;
                }
                if (address.isUnresolved()) {
                    failed("host not found [host=" + host + "]");
                } else {
                    start(address);
                }
            });
        });
    }
}
