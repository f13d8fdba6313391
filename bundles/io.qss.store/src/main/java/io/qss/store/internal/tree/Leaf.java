// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.tree;

/**
 * Up to about {@code leafCapacity} points sorted by time (equal times in storage order). The arrays are never
 * modified after construction; their length is the point count.
 */
public final class Leaf implements Node {

    private final long[] times;
    private final double[] values;
    // Computed on first use: leaves decoded for queries rarely need their own summary (the parent has it).
    private double min;
    private double max;
    private double mean;
    private volatile boolean summarised;

    public Leaf(long[] times, double[] values) {
        this.times = times;
        this.values = values;
    }

    private void summarise() {
        if (summarised) {
            return;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
            sum += v;
        }
        this.min = values.length == 0 ? 0 : lo;
        this.max = values.length == 0 ? 0 : hi;
        this.mean = values.length == 0 ? 0 : sum / values.length;
        summarised = true;
    }

    public long[] times() {
        return times;
    }

    public double[] values() {
        return values;
    }

    public int size() {
        return times.length;
    }

    /** Index of the first point with time >= t. */
    public int lowerBound(long t) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public long count() {
        return times.length;
    }

    @Override
    public double min() {
        summarise();
        return min;
    }

    @Override
    public double max() {
        summarise();
        return max;
    }

    @Override
    public double mean() {
        summarise();
        return mean;
    }

    @Override
    public long weight() {
        return 64 + 16L * times.length;
    }
}
