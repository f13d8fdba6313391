// SPDX-License-Identifier: Apache-2.0
package io.qss.core.internal;

import io.qss.core.log.LogThrottle;
import java.util.function.LongSupplier;

/** {@link LogThrottle} with a fixed interval; the state is guarded by the instance lock. */
public final class IntervalLogThrottle implements LogThrottle {

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private boolean hasLogged;
    private long lastLoggedNanos;
    private long suppressed;

    public IntervalLogThrottle(long intervalNanos, LongSupplier nanoClock) {
        if (intervalNanos < 0) {
            throw new IllegalArgumentException("log interval must not be negative [nanos=" + intervalNanos + "]");
        }
        this.intervalNanos = intervalNanos;
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized long occurred() {
        long now = nanoClock.getAsLong();
        if (hasLogged && now - lastLoggedNanos < intervalNanos) {
            suppressed++;
            return 0;
        }
        long occurrences = suppressed + 1;
        hasLogged = true;
        lastLoggedNanos = now;
        suppressed = 0;
        return occurrences;
    }

    @Override
    public synchronized long cleared() {
        long neverLogged = suppressed;
        hasLogged = false;
        suppressed = 0;
        return neverLogged;
    }
}
