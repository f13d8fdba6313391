// SPDX-License-Identifier: Apache-2.0
package io.qss.query;

import io.qss.store.api.ErrorCode;

/**
 * The one mapping of store failures to HTTP statuses, shared by every HTTP front end so the same failure gets the same
 * status wherever it is asked: the caller's mistake (a bad range, an unknown stream) is 400, a store that is busy or
 * full is 503 (try again later), a failure of the server itself (I/O, corruption, journal) is 500. BTrDB 3.x
 * answered every failure with 400. Stateless.
 */
public final class StoreErrorStatus {

    /** 400: the request cannot succeed as it is. */
    public static final int BAD_REQUEST = 400;
    /** 500: the server failed; its answer names no internals. */
    public static final int INTERNAL_SERVER_ERROR = 500;
    /** 503: the store is closed, opening or out of space; the same request may succeed later. */
    public static final int SERVICE_UNAVAILABLE = 503;

    private StoreErrorStatus() {}

    /** The HTTP status that answers a store failure with {@code code}. */
    public static int of(ErrorCode code) {
        return switch (code) {
            case RESOURCE_DEPLETED, UNAVAILABLE -> SERVICE_UNAVAILABLE;
            case IO_ERROR, CORRUPT_DATA, JOURNAL_ERROR -> INTERNAL_SERVER_ERROR;
            default -> BAD_REQUEST;
        };
    }

    /** True when the failure is the server's, so its text (which may name files) stays in the log. */
    public static boolean isServerFault(ErrorCode code) {
        return of(code) == INTERNAL_SERVER_ERROR;
    }
}
