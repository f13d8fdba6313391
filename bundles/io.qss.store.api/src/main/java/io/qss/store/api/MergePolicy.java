// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api;

/**
 * What an insert does with points whose time equals that of a point already stored (BTrDB v5 {@code merge_policy}).
 * Within one insert call, points with equal times are treated as if inserted one after the other.
 */
public enum MergePolicy {
    /** Keep every point, duplicates included; at equal times stored points come before new ones. */
    NEVER,
    /** Drop a new point when a point with the same time and the same value ({@code ==}) already exists. */
    EQUAL,
    /** Drop a new point when any point with the same time already exists (the old value is retained). */
    RETAIN,
    /** Remove every stored point with the same time and keep the new one (the last one wins). */
    REPLACE
}
