// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api;

/**
 * An expected failure of a store operation. The message reads {@code what failed [key=value, ...]}; the cause, if
 * any, is chained.
 */
public class StoreException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public StoreException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public StoreException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Why the operation failed; never null. */
    public ErrorCode code() {
        return code;
    }
}
