// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import java.util.Arrays;
import java.util.UUID;

/** Points of one stream waiting for the next flush; grows as needed. Not thread-safe (guarded by its sink). */
final class PointBatch {

    private static final int INITIAL_CAPACITY = 64;

    final UUID stream;
    long[] times = new long[INITIAL_CAPACITY];
    double[] values = new double[INITIAL_CAPACITY];
    int size;

    PointBatch(UUID stream) {
        this.stream = stream;
    }

    /** Adds the finite values of {@code [offset, offset + length)}; returns how many were added. */
    int addFinite(long[] t, double[] v, int offset, int length) {
        ensureRoom(length);
        int added = 0;
        for (int i = offset; i < offset + length; i++) {
            if (Double.isFinite(v[i])) {
                times[size] = t[i];
                values[size++] = v[i];
                added++;
            }
        }
        return added;
    }

    private void ensureRoom(int more) {
        if (size + more > times.length) {
            int capacity = Math.max(times.length * 2, size + more);
            times = Arrays.copyOf(times, capacity);
            values = Arrays.copyOf(values, capacity);
        }
    }
}
