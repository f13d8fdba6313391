// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;

/** Builds store exceptions with messages of the form {@code what failed [key=value, ...]}. */
public final class Errors {

    private Errors() {}

    public static StoreException corrupt(String what, String object, long offset) {
        return new StoreException(ErrorCode.CORRUPT_DATA, what + " [object=" + object + ", offset=" + offset + "]");
    }

    public static StoreException corrupt(String what, String object, long offset, Throwable cause) {
        return new StoreException(
                ErrorCode.CORRUPT_DATA,
                what + " [object=" + object + ", offset=" + offset + ", error=" + cause.getMessage() + "]",
                cause);
    }
}
