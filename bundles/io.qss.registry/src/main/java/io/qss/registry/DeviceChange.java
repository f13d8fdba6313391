// SPDX-License-Identifier: Apache-2.0
package io.qss.registry;

import java.util.List;

/**
 * One device an upmuconfig.ini import would add, remove or change in the pending configuration. Immutable.
 *
 * @param kind what happens to the device
 * @param serial its serial; never null
 * @param alias its alias (the new one when it changes); never null
 * @param details what changes, e.g. {@code alias soda_a -> soda_b}; empty for added and removed; never null
 */
public record DeviceChange(Kind kind, String serial, String alias, List<String> details) {

    public DeviceChange {
        details = List.copyOf(details);
    }

    /** What happens to a device. */
    public enum Kind {
        ADDED,
        REMOVED,
        CHANGED
    }
}
