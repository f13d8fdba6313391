// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;

/** Upper bounds of the rows a statistical answer can have, to enforce the row cap before answering. Stateless. */
final class Rows {

    private Rows() {}

    /** Aligned windows: at most one per window of the range, and at most one per point. */
    static long aligned(TimeSeriesStore store, RangeParams range, int pw) throws StoreException {
        long windows = windowsIn(range.start(), range.end(), pw);
        return windows <= 1024
                ? windows
                : Math.min(windows, store.count(range.uuid(), range.start(), range.end(), range.version()));
    }

    /** Exact windows: every window of the range, empty ones included. */
    static long windows(RangeParams range, long width) {
        return Long.divideUnsigned(range.end() - range.start(), width);
    }

    /** Windows of width 2^pw between the aligned start and aligned end (saturating). */
    static long windowsIn(long start, long end, int pw) {
        long alignedStart = start >> pw;
        long alignedEnd = end >> pw;
        long n = alignedEnd - alignedStart + 1;
        return n < 0 ? Long.MAX_VALUE : n;
    }
}
