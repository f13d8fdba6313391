// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api;

import java.util.UUID;

/**
 * Points for one stream in a {@link TimeSeriesStore#insertAll} call: {@code [offset, offset + length)} of the arrays,
 * in any order, with the policy for equal times (null = {@link MergePolicy#NEVER}). The store copies the arrays.
 */
public record StreamBatch(UUID stream, long[] times, double[] values, int offset, int length, MergePolicy policy) {

    /** The whole arrays. */
    public static StreamBatch of(UUID stream, long[] times, double[] values, MergePolicy policy) {
        return new StreamBatch(stream, times, values, 0, Math.min(times.length, values.length), policy);
    }
}
