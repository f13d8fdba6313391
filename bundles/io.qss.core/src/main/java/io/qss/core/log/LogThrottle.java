// SPDX-License-Identifier: Apache-2.0
package io.qss.core.log;

import io.qss.core.internal.IntervalLogThrottle;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Decides which occurrences of a repeating failure are logged: the first one at once, then at most one per interval,
 * each logged line carrying how many occurrences it stands for. One throttle per kind of failure; thread-safe.
 *
 * <pre>{@code
 * long occurrences = throttle.occurred();
 * if (occurrences > 0) {
 *     LOG.error("spooling failed [serial={}, occurrences={}]", serial, occurrences, e);
 * }
 * }</pre>
 */
@ProviderType
public interface LogThrottle {

    /** A throttle that lets one line per {@code interval} through. */
    static LogThrottle oncePer(Duration interval) {
        return new IntervalLogThrottle(interval.toNanos(), System::nanoTime);
    }

    /** As {@link #oncePer(Duration)}, reading time from {@code nanoClock} (a {@link System#nanoTime()}-like clock). */
    static LogThrottle oncePer(Duration interval, LongSupplier nanoClock) {
        return new IntervalLogThrottle(interval.toNanos(), nanoClock);
    }

    /**
     * Counts one occurrence. Returns 0 when the caller should stay silent, else the number of occurrences the line
     * it logs now stands for: this one and those suppressed since the last logged line.
     */
    long occurred();

    /**
     * The failure has ended: the next occurrence is logged at once. Returns how many occurrences were suppressed
     * and never logged (0 when none), so the caller can mention them in its "recovered" line.
     */
    long cleared();
}
