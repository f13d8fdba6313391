// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.store.RawPoint;
import io.qss.store.StatPoint;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The transport hook of {@link QuerySuite}: one implementation per API (REST here; the binary APIs add theirs), so
 * every transport answers the same queries over the same data with the same access rules. Times are ns; a null key
 * means an anonymous caller.
 */
public interface QueryTransport {

    /** Thrown when the stream does not exist for the caller (missing, or hidden by access control). */
    final class NoSuchStream extends Exception {

        private static final long serialVersionUID = 1L;

        public NoSuchStream(String message) {
            super(message);
        }
    }

    List<RawPoint> raw(String key, UUID uuid, long start, long end) throws Exception;

    List<StatPoint> aligned(String key, UUID uuid, long start, long end, int pw) throws Exception;

    List<StatPoint> windows(String key, UUID uuid, long start, long end, long width) throws Exception;

    /** The nearest point, or empty when there is none in that direction. */
    Optional<RawPoint> nearest(String key, UUID uuid, long time, boolean backward) throws Exception;

    /** First and last point time of a stream, or empty when the stream does not exist for the caller. */
    Optional<long[]> bracket(String key, UUID uuid) throws Exception;
}
