// SPDX-License-Identifier: Apache-2.0
package io.qss.auth;

import java.time.Instant;
import java.util.Set;

/**
 * An API key as stored (its secret is kept only as a hash). Immutable.
 *
 * @param id short public identifier, also the first part of the key itself
 * @param name what the key is for, as given at creation
 * @param tags the tags callers with this key have ({@code public} is implied)
 * @param isWriter true when the key may write
 * @param created when the key was created
 */
public record ApiKey(String id, String name, Set<String> tags, boolean isWriter, Instant created) {

    public ApiKey {
        tags = Set.copyOf(tags);
    }
}
