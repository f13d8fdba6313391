// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import io.qss.dat.transfer.FrameHeader;
import io.qss.receiver.SpooledFile;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's protocol loop: read a header, stream the file body into the spool as it arrives, make it
 * durable, answer the echoed sendid (or four zero bytes when it could not be stored), repeat. A refused file's body
 * is read and dropped so the connection stays in step. A header beyond the limits drops the connection. Memory per
 * connection: the header, path and serial, and one {@link #BODY_BUFFER_BYTES} buffer once a body arrives.
 */
final class MessageHandler {

    static final String NOT_ACCEPTING = "No longer accepting new data";
    static final int BODY_BUFFER_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(MessageHandler.class);

    private final SpoolImpl spool;
    private final SenderCounters counters;
    private final UnknownSenderBudget budget;
    private final ReceiverPressure pressure;

    MessageHandler(SpoolImpl spool, SenderCounters counters, UnknownSenderBudget budget, ReceiverPressure pressure) {
        this.spool = spool;
        this.counters = counters;
        this.budget = budget;
        this.pressure = pressure;
    }

    /** Serves {@code c} until it ends; a header beyond the limits or a message cut short ends it quietly. */
    void serve(Connection c) throws IOException {
        InputStream in = c.socket().getInputStream();
        OutputStream out = c.socket().getOutputStream();
        Message m = new Message(c, in);
        while (true) {
            c.enter(Connection.Phase.IDLE);
            int first = in.read();
            if (first < 0) {
                return;
            }
            c.enter(Connection.Phase.HEADER);
            try {
                m.readHeader(first);
            } catch (EOFException e) {
                LOG.warn("dropping connection: {} [remote={}]", e.getMessage(), c.remote());
                return;
            }
            String violation = m.header.limitViolation();
            if (violation != null) {
                LOG.warn("dropping connection: transfer header rejected: {} [remote={}]", violation, c.remote());
                return;
            }
            byte[] reply;
            try {
                reply = receive(m);
            } catch (EOFException e) {
                LOG.warn("dropping connection: {} [remote={}]", e.getMessage(), c.remote());
                return;
            }
            out.write(reply);
            out.flush();
        }
    }

    private byte[] receive(Message m) throws IOException {
        long started = System.nanoTime();
        String serial;
        SpoolName name;
        try {
            serial = SpoolPaths.serial(m.serial);
            name = SpoolPaths.map(m.path);
        } catch (IllegalArgumentException e) {
            return refuse(m, SpoolPaths.displayable(m.serial), SpoolPaths.displayable(m.path), e.getMessage());
        }
        if (!spool.isAcceptingData()) {
            return refuse(m, serial, name.devicePath(), NOT_ACCEPTING);
        }
        String sharedRefusal = spool.sharedRefusal();
        if (sharedRefusal != null) {
            return refuse(m, serial, name.devicePath(), sharedRefusal);
        }
        long length = m.header.dataLength();
        String overBudget = budget.reserve(serial, length);
        if (overBudget != null) {
            pressure.fileRefused(overBudget);
            return refuse(m, serial, name.devicePath(), overBudget);
        }
        boolean isStored = false;
        try {
            SpooledFile file = store(m, serial, name);
            isStored = file != null;
            if (!isStored) {
                return FrameHeader.nack();
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            counters.received(serial, length, m.connection.remote(), name.devicePath());
            m.connection.delivered();
            LOG.info(
                    "file received [serial={}, path={}, bytes={}, millis={}, remote={}]",
                    serial,
                    name.devicePath(),
                    length,
                    millis,
                    m.connection.remote());
            return FrameHeader.ack(m.header.sendId());
        } finally {
            if (!isStored) {
                budget.release(serial, length);
            }
        }
    }

    /**
     * Streams the body into the spool and commits it. When the spool fails (disk full, I/O error) the rest of the
     * body is read and dropped, the failure counted and null returned; a failing connection throws.
     */
    private SpooledFile store(Message m, String serial, SpoolName name) throws IOException {
        m.connection.enter(Connection.Phase.BODY);
        SpoolImpl.PendingFile pending;
        try {
            pending = spool.begin(serial, name);
        } catch (IOException e) {
            m.skip(m.header.dataLength());
            return storeFailed(m, serial, name, e);
        }
        try (pending) {
            IOException failure = null;
            for (long left = m.header.dataLength(); left > 0; ) {
                int n = m.readBody(left);
                left -= n;
                if (failure == null) {
                    try {
                        pending.write(ByteBuffer.wrap(m.body, 0, n));
                    } catch (IOException e) {
                        failure = e;
                    }
                }
            }
            if (failure != null) {
                return storeFailed(m, serial, name, failure);
            }
            m.connection.enter(Connection.Phase.STORING);
            try {
                return pending.commit();
            } catch (IOException e) {
                return storeFailed(m, serial, name, e);
            }
        }
    }

    private SpooledFile storeFailed(Message m, String serial, SpoolName name, IOException e) {
        counters.rejected(serial, e.getMessage(), m.connection.remote(), name.devicePath());
        LOG.error(
                "file not stored [serial={}, path={}, remote={}]", serial, name.devicePath(), m.connection.remote(), e);
        return null;
    }

    private byte[] refuse(Message m, String serial, String path, String reason) throws IOException {
        m.connection.enter(Connection.Phase.BODY);
        m.skip(m.header.dataLength());
        counters.rejected(serial, reason, m.connection.remote(), path);
        LOG.warn("file refused: {} [serial={}, path={}, remote={}]", reason, serial, path, m.connection.remote());
        return FrameHeader.nack();
    }
}
