// SPDX-License-Identifier: Apache-2.0
package io.qss.store.file.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import java.io.IOException;
import java.nio.file.Path;

/** Store exceptions of the file backend: {@code what failed [dir=..., object=..., error=...]}, cause chained. */
final class Failures {

    private Failures() {}

    static StoreException io(String what, Path dir, String object, IOException cause) {
        return new StoreException(
                ErrorCode.IO_ERROR, what + " [dir=" + dir + ", object=" + object + ", error=" + cause + "]", cause);
    }

    static StoreException io(String what, Path dir, IOException cause) {
        return new StoreException(ErrorCode.IO_ERROR, what + " [dir=" + dir + ", error=" + cause + "]", cause);
    }
}
