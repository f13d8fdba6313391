// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Decides when a repeating failure is logged: its first occurrence at once, then at most once per period with the
 * number of occurrences held back meanwhile; a different failure is logged at once. So a paused device retried every
 * two seconds writes one line a minute, not thirty. Thread-safe.
 */
final class RepeatLimiter {

    /** Returned by {@link #occurred} when this occurrence is not to be logged. */
    static final int HOLD = -1;

    private final long periodMillis;
    private final LongSupplier clockMillis;
    private String failure;
    private long loggedAt;
    private int heldBack;
    private int total;

    RepeatLimiter(long periodMillis, LongSupplier clockMillis) {
        this.periodMillis = periodMillis;
        this.clockMillis = clockMillis;
    }

    /** An occurrence of {@code what}: {@link #HOLD}, or log it now with the returned count of held-back occurrences. */
    synchronized int occurred(String what) {
        long now = clockMillis.getAsLong();
        total = what.equals(failure) ? total + 1 : 1;
        if (what.equals(failure) && now - loggedAt < periodMillis) {
            heldBack++;
            return HOLD;
        }
        int held = what.equals(failure) ? heldBack : 0;
        failure = what;
        loggedAt = now;
        heldBack = 0;
        return held;
    }

    /** The failure is over: returns how often it occurred in a row (0 when none was active) and forgets it. */
    synchronized int cleared() {
        int occurrences = failure == null ? 0 : total;
        failure = null;
        heldBack = 0;
        total = 0;
        return occurrences;
    }

    /** As {@link #occurred(String)}, handing the held-back count to {@code log} when this occurrence is due. */
    void occurred(String what, IntConsumer log) {
        int heldBack = occurred(what);
        if (heldBack != HOLD) {
            log.accept(heldBack);
        }
    }

    /** As {@link #cleared()}, handing the number of occurrences to {@code log} when a failure was active. */
    void cleared(IntConsumer log) {
        int occurrences = cleared();
        if (occurrences > 0) {
            log.accept(occurrences);
        }
    }
}
