// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import java.util.function.LongSupplier;

/**
 * Lets a repeated event be logged at most once per period, with how often it happened in between, so a failing
 * MongoDB or a flood of hostile connections cannot flood the log. Thread-safe.
 */
final class LogThrottle {

    private final LongSupplier nanoClock;
    private final long periodNanos;
    private long lastLogged = Long.MIN_VALUE / 2;
    private long count;
    private long streak;

    LogThrottle(LongSupplier nanoClock, long periodNanos) {
        this.nanoClock = nanoClock;
        this.periodNanos = periodNanos;
    }

    /**
     * Counts one occurrence. Returns how many happened since the last one logged, this one included, when this one
     * should be logged; else 0.
     */
    synchronized long occurred() {
        count++;
        streak++;
        long now = nanoClock.getAsLong();
        if (now - lastLogged < periodNanos) {
            return 0;
        }
        lastLogged = now;
        long n = count;
        count = 0;
        return n;
    }

    /** Occurrences since the last drain, logged or not; clears them (e.g. when the failure is over). */
    synchronized long drain() {
        long n = streak;
        streak = 0;
        count = 0;
        lastLogged = Long.MIN_VALUE / 2;
        return n;
    }
}
