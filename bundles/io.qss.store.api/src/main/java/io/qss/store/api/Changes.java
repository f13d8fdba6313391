// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api;

import java.util.List;

/**
 * The answer of {@link TimeSeriesStore#changes}: ranges that changed after {@code fromVersion} up to and including
 * {@code version}, sorted, disjoint and not adjacent.
 *
 * @param version the committed version the ranges were computed at
 * @param ranges sorted changed ranges; never null, may be empty
 */
public record Changes(long version, List<ChangedRange> ranges) {

    public Changes {
        ranges = List.copyOf(ranges);
    }
}
