// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal.transport;

import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: {@code min}, doubling up to {@code max}, each jittered by up to ±20 % so that devices dropped
 * together (a PDC restart, a network outage) do not all reconnect in the same instant. Not thread-safe.
 */
public final class Backoff {

    private static final double JITTER = 0.2;

    private final long minMillis;
    private final long maxMillis;
    private final DoubleSupplier random;
    private long nextMillis;

    /** {@code random} yields values in [0, 1), e.g. {@code Math::random}. */
    public Backoff(long minMillis, long maxMillis, DoubleSupplier random) {
        if (minMillis < 1 || maxMillis < minMillis) {
            throw new IllegalArgumentException(
                    "back-off bounds invalid [min=" + minMillis + ", max=" + maxMillis + "]");
        }
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.random = random;
        this.nextMillis = minMillis;
    }

    /** The delay before the next attempt; each call doubles the following one, up to the maximum. */
    public long next() {
        long base = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        double factor = 1 + JITTER * (2 * random.getAsDouble() - 1);
        return Math.max(1, Math.round(base * factor));
    }

    /** An attempt succeeded: the next delay is the minimum again. */
    public void reset() {
        nextMillis = minMillis;
    }
}
