// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import java.util.ArrayDeque;

/**
 * Recently read ranges of segment objects, for raw scans. A scan visits leaves in time order and a commit writes its
 * leaves in time order, so a scan mostly reads forward through a segment. A read that no held range answers reads a
 * whole range from where it starts: {@value #FIRST_BYTES} bytes, doubling up to {@value #MAX_BYTES} while each such
 * read follows the previous range of the same object (a forward walk). A scan then costs one volume read per few
 * MiB instead of one round trip per block. Segments are append-only and a written byte never changes, so a held
 * range is never stale. Thread-safe: ranges are looked up and added under a lock, volume reads run outside it.
 */
final class ScanReadAhead {

    static final int FIRST_BYTES = 64 << 10;
    static final int MAX_BYTES = 4 << 20;
    private static final int RANGES = 8;

    /** Bytes {@code [start, start + length)} of an object; {@code atEnd} when the object ended there when read. */
    private record Range(String object, long start, byte[] bytes, int size, int length, boolean atEnd) {

        long end() {
            return start + length;
        }

        /** Whether this range answers a read of {@code count} bytes from {@code from}. */
        boolean answers(String name, long from, int count) {
            return object.equals(name) && from >= start && from < end() && (from + count <= end() || atEnd);
        }

        /** Whether a read from {@code from} continues a forward walk through this range. */
        boolean isFollowedBy(String name, long from) {
            return object.equals(name) && from >= start && from <= end() + size;
        }
    }

    private final StoreVolume volume;
    /** Newest first. */
    private final ArrayDeque<Range> ranges = new ArrayDeque<>();
    /** The buffer of the range that left last, or of a read that found nothing; no range refers to it. */
    private byte[] spare;

    ScanReadAhead(StoreVolume volume) {
        this.volume = volume;
    }

    /** Like {@link StoreVolume#read}, answered from a held range when one covers the bytes, else reading ahead. */
    int read(String name, long from, byte[] into, int offset, int count) throws StoreException {
        int readSize;
        byte[] bytes;
        synchronized (this) {
            Range held = find(name, from, count);
            if (held != null) {
                return copy(held, from, into, offset, count);
            }
            readSize = Math.max(count, nextReadSize(name, from));
            bytes = spareOf(readSize);
        }
        int n = volume.read(name, from, bytes, 0, readSize);
        synchronized (this) {
            if (n <= 0) {
                spare = bytes;
                return n;
            }
            Range range = new Range(name, from, bytes, readSize, n, n < readSize);
            ranges.addFirst(range);
            if (ranges.size() > RANGES) {
                spare = ranges.removeLast().bytes();
            }
            // copied under the lock: the bytes of a range that leaves are read into again
            return copy(range, from, into, offset, count);
        }
    }

    /**
     * The buffer of the range that left last when it is large enough, else a new one: a scan then allocates no
     * buffers of megabytes once it runs (such allocations cost more than the copies).
     */
    private byte[] spareOf(int size) {
        byte[] reused = spare;
        spare = null;
        return reused != null && reused.length >= size ? reused : new byte[size];
    }

    private Range find(String name, long from, int count) {
        for (Range r : ranges) {
            if (r.answers(name, from, count)) {
                return r;
            }
        }
        return null;
    }

    /** Twice the size of the range a forward walk continues (at most {@value #MAX_BYTES}), else the first size. */
    private int nextReadSize(String name, long from) {
        for (Range r : ranges) {
            if (r.isFollowedBy(name, from)) {
                return Math.min(MAX_BYTES, r.size() * 2);
            }
        }
        return FIRST_BYTES;
    }

    private static int copy(Range range, long from, byte[] into, int offset, int count) {
        int n = (int) Math.min(count, range.end() - from);
        System.arraycopy(range.bytes(), (int) (from - range.start()), into, offset, n);
        return n;
    }
}
