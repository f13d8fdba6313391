// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.auth.AccessControl;
import io.qss.auth.Caller;
import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamInfo;
import io.qss.store.api.TimeSeriesStore;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the 3.x endpoints share: the store, access control and limits. Immutable; thread-safe as its services are.
 *
 * @param stores the time-series store, or null while it is not open yet (a large store replays its logs for a while
 *     at start; the listener answers meanwhile, with 503)
 * @param access decides what a caller may read and write
 * @param maxRawPoints most points (or rows) one request may return
 * @param insertCollection collection of streams that an insert to an unknown UUID creates
 * @param csvZone time zone of the {@code Time} column of multi-stream CSV
 */
record RestApi(
        Supplier<TimeSeriesStore> stores,
        AccessControl access,
        long maxRawPoints,
        String insertCollection,
        ZoneId csvZone) {

    RestApi(TimeSeriesStore store, AccessControl access, long maxRawPoints, String insertCollection, ZoneId csvZone) {
        this(() -> store, access, maxRawPoints, insertCollection, csvZone);
    }

    /** The store; {@link ErrorCode#UNAVAILABLE} (503) while it is not open. */
    TimeSeriesStore store() throws StoreException {
        TimeSeriesStore store = stores.get();
        if (store == null) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "the store is not open yet; try again shortly");
        }
        return store;
    }

    /** The stream, when it exists and the caller may read it; a stream the caller may not see does not exist. */
    Optional<StreamInfo> readable(Caller caller, UUID uuid) throws StoreException {
        return store().stream(uuid).filter(info -> access.mayRead(caller, path(info)));
    }

    static String path(StreamInfo info) {
        return AccessControl.streamPath(info.collection(), info.tags(), info.uuid());
    }

    /** 400 when a request would return more than {@link #maxRawPoints} points or rows. */
    void checkRows(long rows, String what) throws RestException {
        if (rows > maxRawPoints) {
            throw RestException.badRequest("query error: too many " + what + " [requested=" + rows + ", maxRawPoints="
                    + maxRawPoints + "]; narrow the time range or use a larger point width");
        }
    }
}
