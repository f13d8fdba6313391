// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Recently read ranges of segment objects, for raw scans. A scan visits leaves in time order and a commit writes its
 * leaves in time order, so a scan mostly reads forward through a segment. A read that no held range answers reads a
 * whole range from where it starts: {@value #FIRST_BYTES} bytes, doubling up to {@value #MAX_BYTES} while each such
 * read follows the previous range of the same object (a forward walk). A scan then costs one volume read per few
 * MiB instead of one round trip per block, and while a walk decodes one range the next is read in the background.
 * Segments are append-only and a written byte never changes, so a held range is never stale. Thread-safe: ranges
 * are looked up and added under a lock, volume reads run outside it.
 */
final class ScanReadAhead {

    static final int FIRST_BYTES = 64 << 10;
    static final int MAX_BYTES = 4 << 20;
    private static final int RANGES = 8;

    /** Bytes {@code [start, start + length)} of an object; {@code atEnd} when the object ended there when read. */
    private record Range(String object, long start, byte[] bytes, int length, boolean atEnd) {

        long end() {
            return start + length;
        }

        /** Whether this range answers a read of {@code count} bytes from {@code from}. */
        boolean answers(String name, long from, int count) {
            return object.equals(name) && from >= start && from < end() && (from + count <= end() || atEnd);
        }

        /** Whether a read from {@code from} continues a forward walk through this range. */
        boolean isFollowedBy(String name, long from) {
            return object.equals(name) && from >= start && from <= end() + bytes.length;
        }
    }

    /** A range being read in the background because a forward walk will want it next. */
    private record Ahead(String object, long start, CompletableFuture<Range> range) {

        boolean covers(String name, long from) {
            return object.equals(name) && from == start;
        }
    }

    private final StoreVolume volume;
    /** Newest first. */
    private final ArrayDeque<Range> ranges = new ArrayDeque<>();
    /** Started on the first read ahead; one thread, so a walk's next range is read while this one is decoded. */
    private ExecutorService background;

    private Ahead ahead;
    private boolean isClosed;

    ScanReadAhead(StoreVolume volume) {
        this.volume = volume;
    }

    /** Like {@link StoreVolume#read}, answered from a held range when one covers the bytes, else reading ahead. */
    int read(String name, long from, byte[] into, int offset, int count) throws StoreException {
        int readSize;
        Ahead coming = null;
        synchronized (this) {
            Range held = find(name, from, count);
            if (held != null) {
                readNextInBackground(held);
                return copy(held, from, into, offset, count);
            }
            readSize = Math.max(count, nextReadSize(name, from));
            if (ahead != null) {
                // taken, or dropped when the walk went elsewhere: the next walk reads ahead for itself
                coming = ahead.covers(name, from) ? ahead : null;
                ahead = null;
            }
        }
        Range range = coming != null ? arrived(coming) : null;
        if (range == null || !range.answers(name, from, count)) {
            range = readRange(name, from, readSize);
        }
        if (range == null) {
            return volume.read(name, from, into, offset, count);
        }
        synchronized (this) {
            ranges.addFirst(range);
            if (ranges.size() > RANGES) {
                ranges.removeLast();
            }
            readNextInBackground(range);
        }
        return copy(range, from, into, offset, count);
    }

    /** A range from the volume; null when the object ends (or does not exist) at {@code from}. */
    private Range readRange(String name, long from, int size) throws StoreException {
        byte[] bytes = new byte[size];
        int n = volume.read(name, from, bytes, 0, size);
        return n <= 0 ? null : new Range(name, from, bytes, n, n < size);
    }

    /** The range read in the background, or null when that read failed (the caller reads again and reports). */
    private static Range arrived(Ahead coming) {
        try {
            return coming.range().join();
        } catch (CompletionException | CancellationException e) {
            return null;
        }
    }

    /**
     * When {@code range} is the newest and part of a forward walk (it grew past the first size) and more of its
     * object follows, starts reading the next range, twice as large up to {@value #MAX_BYTES}, in the background.
     */
    private void readNextInBackground(Range range) {
        if (isClosed || range != ranges.peekFirst() || range.atEnd() || range.bytes().length < 2 * FIRST_BYTES) {
            return;
        }
        if (ahead != null || find(range.object(), range.end(), 1) != null) {
            return;
        }
        if (background == null) {
            background = Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, "qss-store-read-ahead");
                t.setDaemon(true);
                return t;
            });
        }
        String name = range.object();
        long from = range.end();
        int size = Math.min(MAX_BYTES, range.bytes().length * 2);
        ahead = new Ahead(
                name,
                from,
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return readRange(name, from, size);
                            } catch (StoreException e) {
                                throw new CompletionException(e);
                            }
                        },
                        background));
    }

    /** Stops the background reads; later reads are answered without them. */
    synchronized void close() {
        isClosed = true;
        if (background != null) {
            background.shutdownNow();
        }
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
                return Math.min(MAX_BYTES, r.bytes().length * 2);
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
