// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.core.log.LogThrottle;
import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store's writes currently work: the latest failure of an insert, a commit or a log sync, kept until a
 * write succeeds again, with when the failing began and whether the storage did not answer in time
 * ({@code UNAVAILABLE}: an unreachable cluster) rather than refused the write. Repeated failures are logged once a
 * minute with a count. Thread-safe.
 */
final class WriteHealth {

    private static final Logger LOG = LoggerFactory.getLogger(WriteHealth.class);

    /** Neither is reset by a success, so a failure that comes and goes is still logged once a minute at most. */
    private final LogThrottle failures = LogThrottle.oncePer(Duration.ofMinutes(1));

    private final LogThrottle recoveries = LogThrottle.oncePer(Duration.ofMinutes(1));

    /** The state of the writes; replaced whole, so readers see one consistent state. */
    private record State(String failure, Instant since, boolean isStorageSilent) {}

    private static final State WORKING = new State("", null, false);

    private volatile State state = WORKING;

    /** Records a failed write; {@code what} says which, e.g. "insert failed". */
    void failed(String what, Exception e) {
        Instant since = state.since() != null ? state.since() : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        state = new State(what + ": " + e.getMessage(), since, isUnavailable(e));
        long occurrences = failures.occurred();
        if (occurrences > 0) {
            LOG.error("store {} [error={}, occurrences={}]", what, e.getMessage(), occurrences, e);
        }
    }

    /** Whether the storage did not answer in time: an {@code UNAVAILABLE} store failure, here or as a cause. */
    private static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreException se && se.code() == ErrorCode.UNAVAILABLE) {
                return true;
            }
        }
        return false;
    }

    /** A write succeeded: the store writes again. */
    void succeeded() {
        if (state != WORKING) {
            state = WORKING;
            if (recoveries.occurred() > 0) {
                LOG.info("store writes succeed again");
            }
        }
    }

    boolean isFailing() {
        return !state.failure().isEmpty();
    }

    /** The latest failure, empty while writes work. */
    String failure() {
        return state.failure();
    }

    /**
     * What is wrong with the writes, for health, empty while they work: {@code storage not answering [backend=B,
     * since=T, last error=E]} while the storage does not answer in time, else {@code writes failing: E}.
     */
    String describe(String backend) {
        State s = state;
        if (s.failure().isEmpty()) {
            return "";
        }
        return s.isStorageSilent()
                ? "storage not answering [backend=" + backend + ", since=" + s.since() + ", last error=" + s.failure()
                        + "]"
                : "writes failing: " + s.failure();
    }
}
