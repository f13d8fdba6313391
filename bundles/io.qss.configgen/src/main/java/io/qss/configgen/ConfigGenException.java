// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen;

/** Generating or writing configuration failed: invalid options, or a file that could not be written. */
public class ConfigGenException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigGenException(String message) {
        super(message);
    }

    public ConfigGenException(String message, Throwable cause) {
        super(message, cause);
    }
}
