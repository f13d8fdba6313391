// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import io.qss.dat.transfer.FrameHeader;
import io.qss.dat.transfer.TransferMessage;
import io.qss.receiver.Spool;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's protocol loop: read a message, store it durably, answer the echoed sendid (or four zero bytes
 * when it could not be stored), repeat. A header beyond the limits drops the connection. Stateless apart from its
 * collaborators; one call per connection.
 */
final class MessageHandler {

    static final String NOT_ACCEPTING = "No longer accepting new data";

    private static final Logger LOG = LoggerFactory.getLogger(MessageHandler.class);

    private final Spool spool;
    private final SenderCounters counters;

    MessageHandler(Spool spool, SenderCounters counters) {
        this.spool = spool;
        this.counters = counters;
    }

    void serve(InputStream rawIn, OutputStream out, String remote) throws IOException {
        InputStream in = new BufferedInputStream(rawIn, 64 * 1024);
        while (true) {
            TransferMessage message;
            try {
                message = TransferMessage.read(in);
            } catch (ProtocolException | EOFException e) {
                LOG.warn("dropping connection: {} [remote={}]", e.getMessage(), remote);
                return;
            }
            if (message == null) {
                return;
            }
            out.write(store(message, remote));
            out.flush();
        }
    }

    private byte[] store(TransferMessage m, String remote) {
        String serial = m.serial();
        if (!spool.isAcceptingData()) {
            counters.rejected(serial, NOT_ACCEPTING, remote);
            LOG.warn("file refused: {} [serial={}, path={}]", NOT_ACCEPTING, serial, m.path());
            return FrameHeader.nack();
        }
        try {
            spool.store(serial, m.path(), m.data());
            counters.received(serial, m.data().length, remote);
            return FrameHeader.ack(m.header().sendId());
        } catch (IllegalArgumentException e) {
            counters.rejected(serial, e.getMessage(), remote);
            LOG.warn("file refused: {} [serial={}, remote={}]", e.getMessage(), serial, remote);
        } catch (IOException e) {
            counters.rejected(serial, e.getMessage(), remote);
            LOG.error("file not stored [serial={}, path={}, remote={}]", serial, m.path(), remote, e);
        }
        return FrameHeader.nack();
    }
}
