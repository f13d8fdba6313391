// SPDX-License-Identifier: Apache-2.0
package io.qss.auth;

import java.util.Set;

/**
 * A plotter account (without its password hash). Immutable.
 *
 * @param user the user name
 * @param tags the user's tags, {@code public} among them
 */
public record Account(String user, Set<String> tags) {

    public Account {
        tags = Set.copyOf(tags);
    }
}
