// SPDX-License-Identifier: Apache-2.0
package io.qss.ops;

/**
 * An update or packages archive was refused before anything changed (unreadable, incomplete, a checksum mismatch,
 * an unknown package).
 */
public class UpdateException extends Exception {

    private static final long serialVersionUID = 1L;

    public UpdateException(String message) {
        super(message);
    }

    public UpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
