// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.server;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One client's TCP connection: the bytes it sent that hold no whole frame yet, the frames waiting for its socket,
 * and what it asked for (the stream it addressed, whether transmission is on). Confined to the server's thread.
 */
public final class Connection {
    /** Frames queued beyond this many bytes are dropped (a client that stopped reading) and counted. */
    static final int MAX_QUEUED_BYTES = 4 << 20;

    private final SocketChannel channel;
    private final SelectionKey key;
    private final Consumer<Connection> onClose;
    private final ByteBuffer inbox = ByteBuffer.allocate(4096);
    private final ArrayDeque<ByteBuffer> outbox = new ArrayDeque<>();
    private int queuedBytes;
    private long droppedFrames;
    private int streamIndex = -1;
    private boolean isTransmitting;
    private Object attachment;
    private boolean isClosed;
    private boolean isWaitingToWrite;

    /** {@code onClose} runs once, when the connection closes for whatever reason (peer, failed write, shutdown). */
    Connection(SocketChannel channel, SelectionKey key, Consumer<Connection> onClose) {
        this.channel = channel;
        this.key = key;
        this.onClose = onClose;
    }

    /** Queues {@code frame} (not copied: callers never change a frame once sent) and writes what the socket takes. */
    public void send(byte[] frame) {
        if (isClosed) {
            return;
        }
        if (queuedBytes + frame.length > MAX_QUEUED_BYTES) {
            droppedFrames++;
            return;
        }
        outbox.add(ByteBuffer.wrap(frame));
        queuedBytes += frame.length;
        flush();
    }

    /**
     * Writes {@code frame} (its bytes from position to limit) when nothing is queued before it; only what the socket
     * did not take is copied and queued. The frame's position is left as it was, so the caller may send the same
     * buffer to the next client and then reuse it.
     */
    public void send(ByteBuffer frame) {
        if (isClosed) {
            return;
        }
        int start = frame.position();
        if (queuedBytes + frame.remaining() > MAX_QUEUED_BYTES) {
            droppedFrames++;
            return;
        }
        if (outbox.isEmpty()) {
            try {
                channel.write(frame);
            } catch (IOException e) {
                close();
                frame.position(start);
                return;
            }
        }
        if (frame.hasRemaining()) {
            byte[] rest = new byte[frame.remaining()];
            frame.get(rest);
            outbox.add(ByteBuffer.wrap(rest));
            queuedBytes += rest.length;
            waitToWrite(true);
        }
        frame.position(start);
    }

    /** Writes queued frames until the socket's buffer is full; a failed write closes the connection. */
    void flush() {
        try {
            while (!outbox.isEmpty()) {
                ByteBuffer head = outbox.peek();
                int written = channel.write(head);
                queuedBytes -= written;
                if (head.hasRemaining()) {
                    waitToWrite(true);
                    return;
                }
                outbox.poll();
            }
            waitToWrite(false);
        } catch (IOException e) {
            close();
        }
    }

    /** Changes the key's interest only when it changes: a thousand clients a tick would queue as many updates. */
    private void waitToWrite(boolean on) {
        if (on != isWaitingToWrite && key.isValid()) {
            isWaitingToWrite = on;
            key.interestOps(on ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    void close() {
        if (isClosed) {
            return;
        }
        isClosed = true;
        outbox.clear();
        queuedBytes = 0;
        onClose.accept(this);
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            // closing a broken socket: nothing left to release
        }
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    ByteBuffer inbox() {
        return inbox;
    }

    SocketChannel channel() {
        return channel;
    }

    /** The remote address, for messages. */
    public SocketAddress remote() {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /** Bytes waiting for the socket. */
    public int queuedBytes() {
        return queuedBytes;
    }

    /** Frames dropped because the client did not read them. */
    public long droppedFrames() {
        return droppedFrames;
    }

    /** Index of the stream this client addressed, -1 before its first valid command. */
    public int streamIndex() {
        return streamIndex;
    }

    public void streamIndex(int index) {
        streamIndex = index;
    }

    public boolean isTransmitting() {
        return isTransmitting;
    }

    public void transmitting(boolean on) {
        isTransmitting = on;
    }

    /** The handler's own per-connection state. */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object value) {
        attachment = value;
    }
}
