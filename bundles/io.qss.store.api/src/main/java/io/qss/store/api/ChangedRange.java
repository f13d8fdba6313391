// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api;

/**
 * A time range {@code [start, end)} in which points may differ between two versions.
 *
 * @param start inclusive, nanoseconds since the Unix epoch
 * @param end exclusive, nanoseconds since the Unix epoch
 */
public record ChangedRange(long start, long end) {}
