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
 * MiB instead of one round trip per block. Segments are append-only and a synced byte never changes, so a held
 * range is never stale as long as it ends at the object's synced end ({@link SyncedEnds}): past it, the writes of
 * a commit in progress may still be in flight, and a backend that completes them out of order (RADOS) lets a read
 * meanwhile see a zero-filled hole where a block is still being written, which a later scan of that block, once
 * committed, would be served. Bytes past the synced end are read straight from the volume and never kept. Thread-safe:
 * ranges are looked up and added under a lock, volume reads run outside it.
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

    /** Where the bytes of an object stop changing. */
    @FunctionalInterface
    interface SyncedEnds {
        /** The end of an object's synced bytes, which never change; {@link Long#MAX_VALUE} when none change. */
        long of(String name);
    }

    private final StoreVolume volume;
    private final SyncedEnds syncedEnds;
    /** Newest first. */
    private final ArrayDeque<Range> ranges = new ArrayDeque<>();
    /** The buffer of the range that left last, or of a read that found nothing; no range refers to it. */
    private byte[] spare;

    ScanReadAhead(StoreVolume volume, SyncedEnds syncedEnds) {
        this.volume = volume;
        this.syncedEnds = syncedEnds;
    }

    /**
     * Like {@link StoreVolume#read}, answered from a held range when one covers the bytes, else reading ahead; but a
     * read that starts before the object's synced end stops there (the caller asks again for the rest, which is then
     * read straight from the volume).
     */
    int read(String name, long from, byte[] into, int offset, int count) throws StoreException {
        long syncedEnd = syncedEnds.of(name);
        if (from >= syncedEnd) {
            return volume.read(name, from, into, offset, count);
        }
        count = (int) Math.min(count, syncedEnd - from);
        int readSize;
        byte[] bytes;
        synchronized (this) {
            Range held = find(name, from, count);
            if (held != null) {
                return copy(held, from, into, offset, count);
            }
            readSize = (int) Math.min(Math.max(count, nextReadSize(name, from)), syncedEnd - from);
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
                // at least the first size: a range cut short at a synced end starts no slower walk
                return Math.min(MAX_BYTES, Math.max(FIRST_BYTES, r.size() * 2));
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
