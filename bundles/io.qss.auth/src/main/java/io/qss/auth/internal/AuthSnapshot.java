// SPDX-License-Identifier: Apache-2.0
package io.qss.auth.internal;

import io.qss.auth.ApiKey;
import io.qss.auth.IgnoredDocument;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything access control needs, as read from the database at one moment. Immutable; replaced as a whole.
 *
 * @param accounts user name to account
 * @param keysByHash hex SHA-256 of the key to the key's record
 * @param tagConfig tag to path prefixes
 * @param ignored documents that were read but not trusted (bad or missing seal, malformed)
 */
record AuthSnapshot(
        Map<String, StoredAccount> accounts,
        Map<String, ApiKey> keysByHash,
        Map<String, List<String>> tagConfig,
        List<IgnoredDocument> ignored) {

    AuthSnapshot {
        accounts = Map.copyOf(accounts);
        keysByHash = Map.copyOf(keysByHash);
        tagConfig = Map.copyOf(tagConfig);
        ignored = List.copyOf(ignored);
    }

    /** The state before the database has answered: no accounts or keys, the default tag configuration. */
    static AuthSnapshot initial(Map<String, List<String>> defaultTagConfig) {
        return new AuthSnapshot(Map.of(), Map.of(), defaultTagConfig, List.of());
    }

    /**
     * An account as stored.
     *
     * @param user user name
     * @param bcryptHash the bcrypt hash of the password ({@code $2a$…})
     * @param tags the account's tags
     */
    record StoredAccount(String user, String bcryptHash, Set<String> tags) {

        StoredAccount {
            tags = Set.copyOf(tags);
        }
    }
}
