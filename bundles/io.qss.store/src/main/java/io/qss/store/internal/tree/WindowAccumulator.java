// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.tree;

import io.qss.store.api.StatConsumer;

/** Accumulates counts, extremes and a count-weighted mean for one window at a time. Not thread-safe. */
final class WindowAccumulator {

    long window;
    long count;
    double min;
    double max;
    double weightedSum;

    void reset(long newWindow) {
        window = newWindow;
        count = 0;
        min = 0;
        max = 0;
        weightedSum = 0;
    }

    void add(long n, double lo, double mean, double hi) {
        if (n == 0) {
            return;
        }
        if (count == 0) {
            min = lo;
            max = hi;
        } else {
            min = Math.min(min, lo);
            max = Math.max(max, hi);
        }
        count += n;
        weightedSum += mean * n;
    }

    void addPoint(double v) {
        add(1, v, v, v);
    }

    double mean() {
        return count == 0 ? 0 : weightedSum / count;
    }

    boolean emit(StatConsumer consumer) {
        return consumer.accept(window, min, mean(), max, count);
    }
}
