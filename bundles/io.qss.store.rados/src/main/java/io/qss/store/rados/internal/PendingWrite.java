// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * One asynchronous write in flight: its completion and the native copy of its bytes, kept until the OSD has
 * committed them (librados reads the buffer while sending) and so that reads can see them before that.
 *
 * <p>Thread-safe: {@link #await} may be called from several threads; the result is read once.
 */
final class PendingWrite {

    private final Librados rados;
    private final Memory bytes;
    private final long position;
    private final int length;
    private Pointer completion;
    private int result;

    PendingWrite(Librados rados, Pointer completion, Memory bytes, long position, int length) {
        this.rados = rados;
        this.completion = completion;
        this.bytes = bytes;
        this.position = position;
        this.length = length;
    }

    long position() {
        return position;
    }

    /** The bytes of this write, to send them again after it failed. */
    ByteBuffer bytes() {
        return bytes.getByteBuffer(0, length);
    }

    long end() {
        return position + length;
    }

    /**
     * Waits until the OSD committed the write (or librados gave up after the op timeout) and releases the
     * completion; returns librados' result, 0 or a negative errno.
     */
    synchronized int await() {
        if (completion != null) {
            rados.rados_aio_wait_for_complete(completion);
            result = rados.rados_aio_get_return_value(completion);
            rados.rados_aio_release(completion);
            completion = null;
        }
        return result;
    }

    /**
     * Copies this write's bytes that fall into {@code [from, from + count)} of the object over {@code into[offset..]},
     * the place of byte {@code from}; returns the end of the copied range within the object, or -1 for none.
     */
    long copyOver(long from, byte[] into, int offset, int count) {
        long start = Math.max(from, position);
        long stop = Math.min(from + count, end());
        if (start >= stop) {
            return -1;
        }
        bytes.read(start - position, into, offset + (int) (start - from), (int) (stop - start));
        return stop;
    }
}
