// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import java.util.Arrays;
import java.util.concurrent.locks.StampedLock;

/**
 * One stream's buffered points in {@link PointPages}: an append-only sequence addressed by absolute position, whose
 * oldest pages are released once a commit holds their points. Appends and releases run under the stream's write lock;
 * reads run without it, from any thread, for a position a head handed out. A read of points released meanwhile
 * (a query that took a head just before a commit switched it) fails with {@link Released}, and the reader takes the
 * newer head, whose commit holds those points. Reads are optimistic: they take the lock only when a release ran
 * during the copy.
 */
final class PointBuffer {

    /** Thrown to a reader whose points a commit released; read the stream's current head instead. */
    static final class Released extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Released(long position, long releasedBefore) {
            super(
                    "buffered points already committed [position=" + position + ", releasedBefore=" + releasedBefore
                            + "]",
                    null,
                    false,
                    false);
        }
    }

    /** The pages holding positions from {@code firstPage * POINTS} on; replaced, never changed, once published. */
    private record Table(long firstPage, int[] pages, int count) {}

    private final PointPages memory;
    private final StampedLock releases = new StampedLock();
    private volatile Table table = new Table(0, new int[0], 0);
    private volatile long releasedBefore;
    private long end;

    PointBuffer(PointPages memory) {
        this.memory = memory;
    }

    /** Appends points; returns the position of the first. Call under the stream's write lock. */
    long append(long[] t, double[] v, int off, int len) {
        long first = end;
        int done = 0;
        while (done < len) {
            long page = end / PointPages.POINTS;
            int slot = (int) (end % PointPages.POINTS);
            int n = Math.min(len - done, PointPages.POINTS - slot);
            memory.write(pageFor(page), slot, t, v, off + done, n);
            done += n;
            end += n;
        }
        return first;
    }

    /** Copies {@code len} points from {@code position} into the arrays at {@code at}; thread-safe. */
    void read(long position, int len, long[] t, double[] v, int at) {
        long stamp = releases.tryOptimisticRead();
        copy(position, len, t, v, at);
        if (releases.validate(stamp)) {
            return;
        }
        stamp = releases.readLock();
        try {
            copy(position, len, t, v, at);
        } finally {
            releases.unlockRead(stamp);
        }
    }

    /** Releases the pages wholly before {@code position} (every point buffered, when it is the end). */
    void releaseBefore(long position) {
        long stamp = releases.writeLock();
        try {
            releasedBefore = Math.max(releasedBefore, position);
            Table current = table;
            int whole = (int) Math.min(current.count, position / PointPages.POINTS - current.firstPage);
            if (position == end) {
                whole = current.count; // the partly filled last page too: the next append starts a fresh one
                end = (end + PointPages.POINTS - 1) / PointPages.POINTS * PointPages.POINTS;
                releasedBefore = end;
            }
            if (whole <= 0) {
                return;
            }
            memory.free(current.pages, 0, whole);
            int[] rest = Arrays.copyOfRange(current.pages, whole, Math.max(whole, current.pages.length));
            table = new Table(current.firstPage + whole, rest, current.count - whole);
        } finally {
            releases.unlockWrite(stamp);
        }
    }

    /** The end position: where the next append goes. Call under the stream's write lock. */
    long end() {
        return end;
    }

    private void copy(long position, int len, long[] t, double[] v, int at) {
        if (position < releasedBefore) {
            throw new Released(position, releasedBefore);
        }
        Table current = table;
        int done = 0;
        while (done < len) {
            long p = position + done;
            int index = (int) (p / PointPages.POINTS - current.firstPage);
            int slot = (int) (p % PointPages.POINTS);
            int n = Math.min(len - done, PointPages.POINTS - slot);
            if (index < 0 || index >= current.count) {
                throw new Released(position, releasedBefore);
            }
            memory.read(current.pages[index], slot, t, v, at + done, n);
            done += n;
        }
    }

    private int pageFor(long page) {
        Table current = table;
        int index = (int) (page - current.firstPage);
        if (index < current.count) {
            return current.pages[index];
        }
        int[] pages = current.pages;
        if (current.count == pages.length) {
            pages = Arrays.copyOf(pages, Math.max(4, pages.length * 2));
        }
        pages[current.count] = memory.allocate();
        // a new table even when the array did not grow: readers of the old one never look past its count
        table = new Table(current.firstPage, pages, current.count + 1);
        return pages[current.count];
    }
}
