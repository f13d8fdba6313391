// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.server;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts lags in whole milliseconds (0 to 10 s, longer ones in the last bucket) for percentiles without keeping each
 * value. Thread-safe: one thread records, any thread reads or copies.
 */
public final class LagHistogram {
    private static final int BUCKETS = 10_001;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Adds one lag; a negative one (a clock step) counts as 0. */
    public void record(long millis) {
        counts.incrementAndGet((int) Math.max(0, Math.min(BUCKETS - 1, millis)));
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /**
     * The lag (ms) that a fraction {@code q} of the recorded ones do not exceed; 1.0 gives the largest (capped at
     * 10 s); -1 when nothing was recorded.
     */
    public long percentile(double q) {
        long n = count();
        if (n == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return i;
            }
        }
        return BUCKETS - 1;
    }

    /** A copy of the counts now. */
    public LagHistogram copy() {
        LagHistogram copy = new LagHistogram();
        for (int i = 0; i < BUCKETS; i++) {
            copy.counts.set(i, counts.get(i));
        }
        return copy;
    }

    /** Adds the counts of {@code other} to these (merging the lags of several senders). */
    public void add(LagHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            long n = other.counts.get(i);
            if (n != 0) {
                counts.addAndGet(i, n);
            }
        }
    }

    public void reset() {
        for (int i = 0; i < BUCKETS; i++) {
            counts.set(i, 0);
        }
    }
}
