// SPDX-License-Identifier: Apache-2.0
package io.qss.auth;

import java.util.Set;

/**
 * Who makes a request, as access control sees it. Immutable.
 *
 * @param name user name, API key id, or {@code anonymous}; never null
 * @param tags the caller's tags, {@code public} always among them; never null
 * @param isWriter true when the caller may write (an API key with the write flag)
 */
public record Caller(String name, Set<String> tags, boolean isWriter) {

    public Caller {
        tags = Set.copyOf(tags);
    }
}
