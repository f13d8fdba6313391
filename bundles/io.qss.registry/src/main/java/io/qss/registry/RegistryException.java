// SPDX-License-Identifier: Apache-2.0
package io.qss.registry;

/** A registry operation that failed: bad input (duplicate, unknown device, bad ini) or storage. */
public class RegistryException extends Exception {

    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
