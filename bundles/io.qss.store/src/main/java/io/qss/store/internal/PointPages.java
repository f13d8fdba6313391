// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Memory outside the collected heap for the points buffers wait to commit: fixed pages of {@link #POINTS} times and
 * values, carved from large direct slabs. Buffered points live up to a commit age (a minute), long enough for the
 * collector to promote them and then copy what is still buffered in every mixed collection; with a live fleet that
 * is a gigabyte, and its copying made the pauses that set the latency tail. Here the collector never sees them.
 * Slabs are allocated as buffers grow and kept for reuse (never unmapped, so a stale read sees other points, never
 * unmapped memory; {@link PointBuffer} detects such reads). Thread-safe; pages are written and read by their
 * owners without locks (absolute bulk access to distinct regions).
 */
final class PointPages {

    /** Points per page (times and values: 4 KiB). */
    static final int POINTS = 256;

    private static final int PAGE_LONGS = 2 * POINTS;
    private static final int PAGES_PER_SLAB = 2048;

    private final List<LongBuffer> slabTimes = new ArrayList<>();
    private final List<DoubleBuffer> slabValues = new ArrayList<>();
    private volatile LongBuffer[] times = new LongBuffer[0];
    private volatile DoubleBuffer[] values = new DoubleBuffer[0];
    private int[] free = new int[0];
    private int freeCount;
    private int inUse;

    /** A page for a buffer; allocates a slab when none is free. */
    synchronized int allocate() {
        if (freeCount == 0) {
            addSlab();
        }
        inUse++;
        return free[--freeCount];
    }

    /** Gives pages back; their owner reads them no more (see {@link PointBuffer#release}). */
    synchronized void free(int[] pages, int from, int to) {
        for (int i = from; i < to; i++) {
            free[freeCount++] = pages[i];
        }
        inUse -= to - from;
    }

    /** Writes {@code len} points at slot {@code slot} of {@code page}. */
    void write(int page, int slot, long[] t, double[] v, int off, int len) {
        int slab = page / PAGES_PER_SLAB;
        int base = (page % PAGES_PER_SLAB) * PAGE_LONGS + slot;
        times[slab].put(base, t, off, len);
        values[slab].put(base + POINTS, v, off, len);
    }

    /** Reads {@code len} points from slot {@code slot} of {@code page} into the arrays at {@code at}. */
    void read(int page, int slot, long[] t, double[] v, int at, int len) {
        int slab = page / PAGES_PER_SLAB;
        int base = (page % PAGES_PER_SLAB) * PAGE_LONGS + slot;
        times[slab].get(base, t, at, len);
        values[slab].get(base + POINTS, v, at, len);
    }

    /** Bytes of the slabs allocated so far (kept for reuse). */
    synchronized long allocatedBytes() {
        return (long) slabTimes.size() * PAGES_PER_SLAB * PAGE_LONGS * Long.BYTES;
    }

    /** Bytes of the pages buffers hold now. */
    synchronized long usedBytes() {
        return (long) inUse * PAGE_LONGS * Long.BYTES;
    }

    private void addSlab() {
        ByteBuffer slab = ByteBuffer.allocateDirect(PAGES_PER_SLAB * PAGE_LONGS * Long.BYTES)
                .order(ByteOrder.nativeOrder());
        int first = slabTimes.size() * PAGES_PER_SLAB;
        slabTimes.add(slab.asLongBuffer());
        slabValues.add(slab.asDoubleBuffer());
        times = slabTimes.toArray(new LongBuffer[0]);
        values = slabValues.toArray(new DoubleBuffer[0]);
        free = Arrays.copyOf(free, free.length + PAGES_PER_SLAB);
        // highest first, so pages are handed out in address order
        for (int i = PAGES_PER_SLAB - 1; i >= 0; i--) {
            free[freeCount++] = first + i;
        }
    }
}
