// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.internal.codec.ByteSink;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Framed blocks at the end of the active segment that are not yet handed to the volume, so that a commit's blocks go
 * out as a few large writes instead of one write per block (on RADOS each write is an OSD operation). Until they are
 * written, reads of these blocks are served from here. Not thread-safe: the block store guards it.
 */
final class PendingBlocks {

    private final ByteSink bytes = new ByteSink(64 << 10);
    /** Segment offset of the first byte held. */
    private long start;

    PendingBlocks(long start) {
        this.start = start;
    }

    /** Frames a block ({@code u32 length, u32 crc32c, payload}) after the bytes held; returns its object offset. */
    long addFramed(ByteBuffer block) {
        int len = block.remaining();
        CRC32C crc = new CRC32C();
        crc.update(block.duplicate());
        long offset = end();
        bytes.ensure(RecordLog.HEADER + len);
        ByteBuffer into = ByteBuffer.wrap(bytes.array(), bytes.size(), RecordLog.HEADER + len)
                .order(ByteOrder.LITTLE_ENDIAN);
        into.putInt(len).putInt((int) crc.getValue()).put(block.duplicate());
        bytes.setSize(bytes.size() + RecordLog.HEADER + len);
        return offset;
    }

    int size() {
        return bytes.size();
    }

    /** Segment offset of the first byte held. */
    long start() {
        return start;
    }

    /** Segment offset just past the last byte held. */
    long end() {
        return start + bytes.size();
    }

    boolean holds(long offset) {
        return offset >= start && offset < end();
    }

    /** Copies up to {@code count} held bytes from object offset {@code from} into {@code into[at..]}; returns how many. */
    int copy(long from, byte[] into, int at, int count) {
        int n = (int) Math.max(0, Math.min(count, end() - from));
        System.arraycopy(bytes.array(), (int) (from - start), into, at, n);
        return n;
    }

    /** The bytes held, to write at {@link #start()}; valid until the next change. */
    ByteBuffer contents() {
        return ByteBuffer.wrap(bytes.array(), 0, bytes.size());
    }

    /** The bytes held were written: the next ones follow them. */
    void written() {
        start = end();
        bytes.clear();
    }

    /** Starts over at {@code offset} (of a new object); only when nothing is held. */
    void restartAt(long offset) {
        if (bytes.size() > 0) {
            throw new IllegalStateException("blocks still pending [bytes=" + bytes.size() + "]");
        }
        start = offset;
    }
}
