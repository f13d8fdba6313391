// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.core.log.LogThrottle;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store's writes currently work: the latest failure of an insert, a commit or a log sync, kept until a
 * write succeeds again. Repeated failures are logged once a minute with a count. Thread-safe.
 */
final class WriteHealth {

    private static final Logger LOG = LoggerFactory.getLogger(WriteHealth.class);

    /** Neither is reset by a success, so a failure that comes and goes is still logged once a minute at most. */
    private final LogThrottle failures = LogThrottle.oncePer(Duration.ofMinutes(1));

    private final LogThrottle recoveries = LogThrottle.oncePer(Duration.ofMinutes(1));
    private volatile String failure = "";

    /** Records a failed write; {@code what} says which, e.g. "insert failed". */
    void failed(String what, Exception e) {
        failure = what + ": " + e.getMessage();
        long occurrences = failures.occurred();
        if (occurrences > 0) {
            LOG.error("store {} [error={}, occurrences={}]", what, e.getMessage(), occurrences, e);
        }
    }

    /** A write succeeded: the store writes again. */
    void succeeded() {
        if (!failure.isEmpty()) {
            failure = "";
            if (recoveries.occurred() > 0) {
                LOG.info("store writes succeed again");
            }
        }
    }

    boolean isFailing() {
        return !failure.isEmpty();
    }

    /** The latest failure, empty while writes work. */
    String failure() {
        return failure;
    }
}
