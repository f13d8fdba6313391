// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The memory all stream buffers may hold together (their points in {@link PointPages}, outside the heap). Without it buffered memory grows with streams times commit age, so
 * a load the commits cannot follow ends in an OutOfMemoryError; with it such a load slows inserts down instead.
 * Buffered batches are {@link #add added} when they enter a buffer and {@link #release released} when a commit
 * takes them out. An insert first {@link #admit admits} its size: it waits (bounded) while the buffers plus the
 * inserts admitted meanwhile would exceed the limit, waking the committer, and gives the reservation back with
 * {@link #leave} once its batch is buffered (or failed). Thread-safe.
 */
final class BufferBudget {

    /** Object headers, array headers and list slot of one buffered batch, beside 16 bytes per point. */
    static final long BATCH_OVERHEAD_BYTES = 96;

    private static final long PRESSURE_REPEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final long limit;
    private final PointPages pages = new PointPages();
    private final Runnable onPressure;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roomFreed = lock.newCondition();
    private long buffered;
    private long reserved;
    private int waiting;
    private long peak;

    /**
     * @param limit the most bytes buffers and admitted inserts may hold together
     * @param onPressure called (without locks held) whenever an insert has to wait: it should start commits
     */
    BufferBudget(long limit, Runnable onPressure) {
        this.limit = limit;
        this.onPressure = onPressure;
    }

    /** The memory the buffers' points are kept in. */
    PointPages pages() {
        return pages;
    }

    /** A budget that never makes an insert wait (tests of parts that do not involve it). */
    static BufferBudget unlimited() {
        return new BufferBudget(Long.MAX_VALUE, () -> {});
    }

    /** The memory one buffered batch of {@code points} points takes (its points and its record on the heap). */
    static long bytesOf(int points) {
        return 16L * points + BATCH_OVERHEAD_BYTES;
    }

    /**
     * Waits until {@code bytes} fit beside what is buffered and admitted, at most {@code timeoutNanos}; an insert
     * alone on an empty budget always fits, and one larger than half the budget fits once at most half is used.
     *
     * @return false when the time ran out (nothing reserved)
     */
    boolean admit(long bytes, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        lock.lock();
        try {
            while (!fits(bytes)) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                waiting++;
                try {
                    lock.unlock();
                    try {
                        onPressure.run();
                    } finally {
                        lock.lock();
                    }
                    if (!fits(bytes)) {
                        // woken by every release; the cap re-signals a committer that went idle meanwhile
                        roomFreed.awaitNanos(Math.min(remaining, PRESSURE_REPEAT_NANOS));
                    }
                } finally {
                    waiting--;
                }
            }
            reserved += bytes;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * An insert larger than half the budget (a multi-stream call of a big fleet) counts as half of it here: it goes in
     * once at most half is used, which the committer brings about for a waiting insert, instead of waiting for an
     * empty budget that a steady load never leaves.
     */
    private boolean fits(long bytes) {
        long used = buffered + reserved;
        return used == 0 || used + Math.min(bytes, limit / 2) <= limit;
    }

    /** Gives back what {@link #admit} reserved, once the insert's batch is buffered or the insert failed. */
    void leave(long bytes) {
        lock.lock();
        try {
            reserved -= bytes;
            roomFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A batch entered a buffer (an insert, or the log replayed at open). */
    void add(long bytes) {
        lock.lock();
        try {
            buffered += bytes;
            peak = Math.max(peak, buffered + reserved);
        } finally {
            lock.unlock();
        }
    }

    /** Batches left their buffer (committed, or dropped with an obliterated stream). */
    void release(long bytes) {
        if (bytes == 0) {
            return;
        }
        lock.lock();
        try {
            buffered -= bytes;
            roomFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long limit() {
        return limit;
    }

    /** Bytes in buffers now. */
    long buffered() {
        lock.lock();
        try {
            return buffered;
        } finally {
            lock.unlock();
        }
    }

    /** The most bytes buffered and admitted at once since the store opened. */
    long peak() {
        lock.lock();
        try {
            return peak;
        } finally {
            lock.unlock();
        }
    }

    /** Inserts waiting for room now. */
    int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }
}
