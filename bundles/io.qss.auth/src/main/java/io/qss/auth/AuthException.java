// SPDX-License-Identifier: Apache-2.0
package io.qss.auth;

/**
 * A change to accounts, tags or keys failed (database unreachable, bad argument). The message reads
 * {@code what failed [key=value]}; the cause is chained.
 */
public class AuthException extends Exception {

    private static final long serialVersionUID = 1L;

    public AuthException(String message) {
        super(message);
    }

    public AuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
