// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.qss.store.api.StoreException;

/**
 * A request failed with a BTrDB error code (§4.5 of the API description); sent in-band as {@code Status{code, msg}}
 * while the gRPC status stays OK.
 */
final class ApiException extends Exception {

    static final int NO_SUCH_POINT = 401;
    static final int NO_SUCH_STREAM = 404;
    static final int GENERIC_ERROR = 416;
    static final int INSERT_TOO_BIG = 414;
    static final int WRONG_ARGS = 421;
    static final int FAULT_INJECTION_DISABLED = 424;
    static final int UNAUTHORIZED = 437;
    static final int INVALID_PARAMETER = 438;
    static final int NOT_IMPLEMENTED = 501;

    private static final long serialVersionUID = 1L;

    private final int code;

    ApiException(int code, String message) {
        super(message);
        this.code = code;
    }

    ApiException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The store's failure with its BTrDB code; the message is the store's. */
    static ApiException of(StoreException e) {
        return new ApiException(e.code().btrdbCode(), e.getMessage(), e);
    }

    int code() {
        return code;
    }
}
