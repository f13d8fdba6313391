// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

/** A migration step failed; the message reads {@code what failed [key=value, ...]} and the cause is chained. */
public final class MigrationException extends Exception {

    private static final long serialVersionUID = 1L;

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
