// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import java.io.IOException;
import java.nio.file.Path;

/** Builds store exceptions with messages of the form {@code what failed [key=value, ...]}. */
public final class Errors {

    private Errors() {}

    public static StoreException io(String what, Path file, IOException cause) {
        return new StoreException(ErrorCode.IO_ERROR, what + " [file=" + file + ", error=" + cause + "]", cause);
    }

    public static StoreException corrupt(String what, Path file, long offset) {
        return new StoreException(ErrorCode.CORRUPT_DATA, what + " [file=" + file + ", offset=" + offset + "]");
    }

    public static StoreException corrupt(String what, Path file, long offset, Throwable cause) {
        return new StoreException(
                ErrorCode.CORRUPT_DATA,
                what + " [file=" + file + ", offset=" + offset + ", error=" + cause.getMessage() + "]",
                cause);
    }
}
