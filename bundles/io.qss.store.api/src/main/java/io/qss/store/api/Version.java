// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api;

/**
 * A stream's version: {@code major} counts commits (a created, empty stream is at {@value #FIRST}; each commit adds
 * one), {@code minor} is the number of acknowledged points still buffered (visible to queries at the latest version).
 *
 * @param major committed version, at least {@value #FIRST}
 * @param minor buffered, not yet committed points, at least 0
 */
public record Version(long major, long minor) {

    /** The major version of a freshly created, empty stream (as BTrDB 4.x reports it). */
    public static final long FIRST = 10;

    /** Passed as the version of a query: the latest version, buffered points included. */
    public static final long LATEST = 0;
}
