// SPDX-License-Identifier: Apache-2.0
package io.qss.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Changes to API keys, accounts and the tag configuration (for the console and the plotter). Each change is written
 * to the database before it returns and is then in force for {@link AccessControl}. Thread-safe; blocks on the
 * database.
 */
@ProviderType
public interface AuthAdmin {

    /** Creates an API key; the returned secret is not stored and cannot be shown again. */
    CreatedApiKey createApiKey(String name, Set<String> tags, boolean isWriter) throws AuthException;

    /** Every API key, sorted by id. */
    List<ApiKey> apiKeys();

    /** Revokes the key with this id; false when there is none. */
    boolean revokeApiKey(String id) throws AuthException;

    /** Creates or replaces an account; {@code public} is always added to its tags. */
    void putAccount(String user, String password, Set<String> tags) throws AuthException;

    /**
     * Creates or replaces an account whose password is already a bcrypt hash (e.g. an account moved from a Mr.
     * Plotter database), so the password keeps working; {@code public} is always added to its tags.
     *
     * @throws AuthException when the user is blank, the hash is not bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$},
     *     60 characters), or the database write fails
     */
    void putAccountWithHash(String user, String bcryptHash, Set<String> tags) throws AuthException;

    /**
     * Replaces an account's password (hashed with bcrypt), keeping its tags.
     *
     * @return false when there is no such account
     * @throws AuthException when the password is empty or the database write fails
     */
    boolean setPassword(String user, String password) throws AuthException;

    /**
     * Adds tags to an account; tags it already has are left as they are.
     *
     * @return false when there is no such account
     * @throws AuthException when the database write fails
     */
    boolean addTags(String user, Set<String> tags) throws AuthException;

    /**
     * Removes tags from an account; {@code public} is never removed (every account keeps it), tags it does not have
     * are ignored.
     *
     * @return false when there is no such account
     * @throws AuthException when the database write fails
     */
    boolean removeTags(String user, Set<String> tags) throws AuthException;

    /** Removes an account; false when there is none. */
    boolean removeAccount(String user) throws AuthException;

    /** Every account, sorted by user name. */
    List<Account> accounts();

    /** The tag configuration in force: tag to path prefixes. */
    Map<String, List<String>> tagConfig();

    /** Sets the path prefixes of a tag (an empty list removes the tag). */
    void setTagPrefixes(String tag, List<String> prefixes) throws AuthException;

    /**
     * API key, account and tag configuration documents found in the database at the last read that grant nothing
     * because their seal is missing or wrong, or they are malformed; sorted by collection, then id.
     */
    List<IgnoredDocument> ignoredDocuments();
}
