// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.cli;

/** A command line the tool cannot run; the message says what is wrong. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
