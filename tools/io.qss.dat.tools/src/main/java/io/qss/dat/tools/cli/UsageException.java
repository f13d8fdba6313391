// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.cli;

/** A command line the tool cannot run; leads to exit code 2 and a usage hint. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
