// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import io.qss.dat.transfer.FrameHeader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The message being read on one connection: its header, raw path and serial bytes (padding removed), and the
 * reusable body buffer, allocated at the first body. Reads count as progress of the connection. One per connection,
 * used by its serving thread only.
 */
final class Message {

    final Connection connection;
    FrameHeader header;
    byte[] path;
    byte[] serial;
    byte[] body;

    private final InputStream in;
    private final byte[] headerBytes = new byte[FrameHeader.BYTES];

    Message(Connection connection, InputStream in) {
        this.connection = connection;
        this.in = in;
    }

    /** Reads the header (its first byte already read), then path and serial when the header is within limits. */
    void readHeader(int firstByte) throws IOException {
        headerBytes[0] = (byte) firstByte;
        readFully(headerBytes, 1, FrameHeader.BYTES - 1, "header");
        header = FrameHeader.decode(headerBytes, 0);
        if (header.limitViolation() == null) {
            path = readPadded((int) header.pathLength(), "path");
            serial = readPadded((int) header.serialLength(), "serial");
        }
    }

    /** Reads at most {@code max} body bytes (at least one) into {@link #body}; returns how many. */
    int readBody(long max) throws IOException {
        if (body == null) {
            body = new byte[MessageHandler.BODY_BUFFER_BYTES];
        }
        int n = in.read(body, 0, (int) Math.min(max, body.length));
        if (n < 0) {
            throw new EOFException("transfer message cut short [part=data]");
        }
        connection.received(n);
        return n;
    }

    /** Reads and drops {@code length} body bytes. */
    void skip(long length) throws IOException {
        for (long left = length; left > 0; ) {
            left -= readBody(left);
        }
    }

    private byte[] readPadded(int length, String part) throws IOException {
        byte[] padded = new byte[(int) FrameHeader.padded(length)];
        readFully(padded, 0, padded.length, part);
        return Arrays.copyOf(padded, length);
    }

    private void readFully(byte[] into, int offset, int length, String part) throws IOException {
        for (int done = 0; done < length; ) {
            int n = in.read(into, offset + done, length - done);
            if (n < 0) {
                throw new EOFException("transfer message cut short [part=" + part + ", have=" + (offset + done)
                        + ", need=" + (offset + length) + "]");
            }
            done += n;
            connection.received(n);
        }
    }
}
