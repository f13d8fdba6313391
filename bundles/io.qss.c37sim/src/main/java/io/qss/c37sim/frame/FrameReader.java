// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.frame;

import java.nio.ByteBuffer;

/**
 * Cuts whole frames out of a byte stream: a frame starts with 0xAA, a known frame type and a FRAMESIZE of at least a
 * header plus CHK. Bytes that cannot start a frame are skipped (and counted), a partial frame is left in the buffer.
 * Not thread-safe.
 */
public final class FrameReader {
    private long skippedBytes;

    /**
     * The next whole frame of {@code in} (in read mode), consuming it, or null when {@code in} holds only part of
     * one.
     */
    public RawFrame next(ByteBuffer in) {
        while (in.remaining() >= 4) {
            int position = in.position();
            int sync = in.getShort(position) & 0xFFFF;
            int size = in.getShort(position + 2) & 0xFFFF;
            if ((sync >>> 8) != 0xAA || FrameType.ofSync(sync) == null || size < FrameEncoder.HEADER_BYTES + 2) {
                in.position(position + 1);
                skippedBytes++;
                continue;
            }
            if (in.remaining() < size) {
                return null;
            }
            byte[] bytes = new byte[size];
            in.get(bytes);
            return new RawFrame(bytes);
        }
        return null;
    }

    /** Bytes skipped so far because no frame could start there. */
    public long skippedBytes() {
        return skippedBytes;
    }
}
