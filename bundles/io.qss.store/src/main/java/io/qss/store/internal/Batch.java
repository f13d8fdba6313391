// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.MergePolicy;

/**
 * One acknowledged insert waiting in a stream's buffer; times sorted (stable). Arrays are never modified.
 *
 * @param seq its write-ahead log sequence number
 */
record Batch(long seq, MergePolicy policy, long[] times, double[] values) {

    int size() {
        return times.length;
    }
}
