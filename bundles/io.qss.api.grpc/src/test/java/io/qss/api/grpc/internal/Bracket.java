// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.qss.api.rest.internal.QueryTransport;
import io.qss.store.api.RawPoint;
import io.qss.store.api.TimeSeriesStore;
import java.util.Optional;
import java.util.UUID;

/**
 * A bracket as btrdb clients compute it over the binary APIs, which have no bracket call: the nearest point forward
 * from the earliest time (inclusive) and backward from the latest (exclusive).
 */
final class Bracket {

    private Bracket() {}

    /** First and last point time, or empty when the stream does not exist for the caller or has no points. */
    static Optional<long[]> of(QueryTransport transport, String key, UUID uuid) throws Exception {
        try {
            Optional<RawPoint> first = transport.nearest(key, uuid, TimeSeriesStore.MIN_TIME, false);
            Optional<RawPoint> last = transport.nearest(key, uuid, TimeSeriesStore.MAX_TIME, true);
            if (first.isEmpty() || last.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new long[] {first.get().time(), last.get().time()});
        } catch (QueryTransport.NoSuchStream e) {
            return Optional.empty();
        }
    }
}
