// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Remembers when the receiver last had to evict a connection or refuse a file for lack of room, so health can show
 * {@code DEGRADED} with the reason for a while afterwards. Thread-safe.
 */
final class ReceiverPressure {

    private final LongSupplier nanoClock;
    private final long holdNanos;
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private volatile long lastEvent = Long.MIN_VALUE / 2;
    private volatile String lastReason = "";

    ReceiverPressure(LongSupplier nanoClock, long holdNanos) {
        this.nanoClock = nanoClock;
        this.holdNanos = holdNanos;
    }

    void connectionEvicted(String reason) {
        evictions.incrementAndGet();
        event(reason);
    }

    void fileRefused(String reason) {
        refusals.incrementAndGet();
        event(reason);
    }

    private void event(String reason) {
        lastReason = reason;
        lastEvent = nanoClock.getAsLong();
    }

    /** The last reason when an eviction or refusal happened within the hold time, else null. */
    String recentReason() {
        return nanoClock.getAsLong() - lastEvent <= holdNanos ? lastReason : null;
    }

    long evictions() {
        return evictions.get();
    }

    long refusals() {
        return refusals.get();
    }
}
