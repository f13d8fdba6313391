// SPDX-License-Identifier: Apache-2.0
package io.qss.auth;

import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The one place that decides who may read or write a stream, for every transport. A stream's path is {@code /} +
 * collection + {@code /} + its {@code name} tag (see {@link #streamPath}). A caller may read a path when it lies
 * under a prefix that the tag configuration maps one of the caller's tags to; it may write when it may read and
 * is a writer.
 *
 * <p>Thread-safe. Every method answers from memory and never blocks on the database.
 */
@ProviderType
public interface AccessControl {

    /** The tag of every caller, and the only tag of anonymous callers. */
    String PUBLIC_TAG = "public";

    /** The caller that presents no credentials: tag {@code public}, no writes. */
    Caller anonymous();

    /** The caller an API key stands for, or empty when the key is unknown or revoked. */
    Optional<Caller> apiKey(String key);

    /** The caller a user name and password stand for, or empty when they do not match an account. */
    Optional<Caller> login(String user, String password);

    /** True when {@code caller} may read the stream at {@code path}. */
    boolean mayRead(Caller caller, String path);

    /** True when {@code caller} may write the stream at {@code path}. */
    boolean mayWrite(Caller caller, String path);

    /** The access-control path of a stream: {@code /collection/name}, the UUID standing in for a missing name. */
    static String streamPath(String collection, Map<String, String> tags, Object uuid) {
        String name = tags.get("name");
        return "/" + collection + "/" + (name == null || name.isEmpty() ? String.valueOf(uuid) : name);
    }
}
