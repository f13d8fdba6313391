// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.MergePolicy;

/**
 * One acknowledged insert waiting in a stream's buffer: {@code size} points from {@code position} of the stream's
 * {@link PointBuffer}, times sorted (stable). Never modified.
 *
 * @param seq its write-ahead log sequence number
 */
record Batch(long seq, MergePolicy policy, PointBuffer points, long position, int size) {

    /** Copies the points into the arrays at {@code at}; fails with {@link PointBuffer.Released} once committed. */
    void copyTo(long[] times, double[] values, int at) {
        points.read(position, size, times, values, at);
    }

    /** The times (a copy; tests and diagnostics). */
    long[] times() {
        long[] t = new long[size];
        copyTo(t, new double[size], 0);
        return t;
    }
}
