// SPDX-License-Identifier: Apache-2.0
package io.qss.sync;

/** A sync operation that failed (unknown device, registry or file-system failure). */
public class SyncException extends Exception {

    private static final long serialVersionUID = 1L;

    public SyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
