// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

/**
 * The upmu commands reference their services as optional, so that one missing service (e.g. the store still
 * opening) does not hold back every command of the shell bundle; each command checks here instead.
 */
public final class Services {

    private Services() {}

    /** {@code service}, or an error naming the feature that provides it. */
    public static <T> T require(T service, String name) {
        if (service == null) {
            throw new IllegalStateException("service not available: " + name
                    + " (is its feature installed and started? see qss:status and scr:list)");
        }
        return service;
    }
}
