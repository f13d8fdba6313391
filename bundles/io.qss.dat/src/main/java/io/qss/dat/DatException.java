// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

/** An I/O-level failure reading or writing {@code .dat} data; the message reads {@code what failed [key=value]}. */
public class DatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure with its cause; {@code message} reads {@code what failed [key=value, ...]}. */
    public DatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure without an underlying exception. */
    public DatException(String message) {
        super(message);
    }
}
