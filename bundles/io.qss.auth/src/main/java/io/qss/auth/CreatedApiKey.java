// SPDX-License-Identifier: Apache-2.0
package io.qss.auth;

/**
 * A new API key: its stored record and the secret key, shown once and never stored.
 *
 * @param key the stored record
 * @param secret the key to present as {@code authorization: Bearer <secret>}
 */
public record CreatedApiKey(ApiKey key, String secret) {}
