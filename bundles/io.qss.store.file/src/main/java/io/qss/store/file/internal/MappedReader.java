// SPDX-License-Identifier: Apache-2.0
package io.qss.store.file.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads one file through a read-only mapping of it, falling back to positional reads for bytes past the mapping.
 * A growing file (the active block segment) is remapped at most every {@link #REMAP_NANOS}: each mapping lives until
 * garbage collection, so remapping on every append would pile them up. A mapping stays readable after the file is
 * deleted, so a reader racing a delete still gets its bytes. Thread-safe.
 */
final class MappedReader implements AutoCloseable {

    private static final long REMAP_NANOS = 100_000_000L;

    private final FileChannel channel;
    private volatile MappedByteBuffer map;
    private volatile long mappedAtNanos;

    MappedReader(FileChannel channel) {
        this.channel = channel;
    }

    /** Like {@link FileChannel#read}: bytes read, fewer only at the end of the file, -1 at or past it. */
    int read(long position, byte[] into, int offset, int length) throws IOException {
        MappedByteBuffer m = mapping(position + length);
        if (m != null) {
            m.get((int) position, into, offset, length);
            return length;
        }
        ByteBuffer buf = ByteBuffer.wrap(into, offset, length);
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position() - offset) < 0) {
                break;
            }
        }
        int n = buf.position() - offset;
        return n == 0 && length > 0 ? -1 : n;
    }

    /** A mapping covering [0, end), or null when there is none and none may be made now. */
    private MappedByteBuffer mapping(long end) throws IOException {
        MappedByteBuffer m = map;
        if (m != null && end <= m.capacity()) {
            return m;
        }
        long now = System.nanoTime();
        if (m != null && now - mappedAtNanos < REMAP_NANOS) {
            return null;
        }
        synchronized (this) {
            long size = channel.size();
            if (size < end || size > Integer.MAX_VALUE) {
                return null;
            }
            m = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            map = m;
            mappedAtNanos = now;
            return m;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
