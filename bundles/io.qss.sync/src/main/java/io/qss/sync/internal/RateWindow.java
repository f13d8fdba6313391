// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import java.util.function.LongSupplier;

/**
 * Files and points synced over the last minute, in one-second buckets, for the ingest rate of {@code qss:status}.
 * Thread-safe: one short synchronized update per synced file and per read.
 */
final class RateWindow {

    /** Files and points per second, averaged over the window. */
    record Rate(double filesPerSecond, double pointsPerSecond) {}

    private static final int SECONDS = 60;

    private final LongSupplier clockMillis;
    private final long startSecond;
    private final long[] bucketSecond = new long[SECONDS];
    private final long[] files = new long[SECONDS];
    private final long[] points = new long[SECONDS];

    RateWindow(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
        startSecond = clockMillis.getAsLong() / 1000;
    }

    synchronized void add(long fileCount, long pointCount) {
        long now = clockMillis.getAsLong() / 1000;
        int i = (int) (now % SECONDS);
        if (bucketSecond[i] != now) {
            bucketSecond[i] = now;
            files[i] = 0;
            points[i] = 0;
        }
        files[i] += fileCount;
        points[i] += pointCount;
    }

    /** The rate over the last minute, or over the time since start when that is shorter. */
    synchronized Rate rate() {
        long now = clockMillis.getAsLong() / 1000;
        long fileSum = 0;
        long pointSum = 0;
        for (int i = 0; i < SECONDS; i++) {
            if (now - bucketSecond[i] < SECONDS) {
                fileSum += files[i];
                pointSum += points[i];
            }
        }
        double seconds = Math.max(1, Math.min(SECONDS, now - startSecond + 1));
        return new Rate(fileSum / seconds, pointSum / seconds);
    }
}
