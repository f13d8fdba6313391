// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

/**
 * Which versions of a stream a compaction drops; the latest always stays, and a version goes when either rule drops
 * it (docs/store-format.md, "Retention"). Immutable.
 *
 * @param versions all but the latest this many go; 0: no limit (BTrDB's full history)
 * @param days versions committed more than this many days before {@code nowMillis} go; 0: no limit
 * @param nowMillis when the compaction started (wall clock, ms since the epoch)
 */
record CompactionRetention(int versions, int days, long nowMillis) {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    /** Versions committed before this (ms since the epoch) are too old for the age rule. */
    long cutoffMillis() {
        return nowMillis - days * MILLIS_PER_DAY;
    }
}
