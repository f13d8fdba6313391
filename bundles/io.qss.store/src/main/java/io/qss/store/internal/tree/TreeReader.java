// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.tree;

import io.qss.store.api.ChangedRange;
import io.qss.store.api.RawConsumer;
import io.qss.store.api.RawPoint;
import io.qss.store.api.StatConsumer;
import io.qss.store.api.StoreException;
import java.util.ArrayList;
import java.util.List;

/** Queries over one immutable tree version. Stateless apart from its source; thread-safe. */
public final class TreeReader {

    private final NodeSource source;
    private final NodeSource scanSource;

    /**
     * @param source loads nodes for summary queries
     * @param scanSource loads nodes for raw scans (may skip caching leaves)
     */
    public TreeReader(NodeSource source, NodeSource scanSource) {
        this.source = source;
        this.scanSource = scanSource;
    }

    /** Streams points in [lo, hi) in time order; returns false if the consumer stopped. */
    public boolean raw(Node node, long lo, long hi, RawConsumer consumer) throws StoreException {
        if (node instanceof Leaf leaf) {
            int a = leaf.lowerBound(lo);
            int b = leaf.lowerBound(hi);
            return a >= b || consumer.accept(leaf.times(), leaf.values(), a, b);
        }
        Core core = (Core) node;
        for (int i = firstSlot(core, lo); i <= lastSlot(core, hi - 1); i++) {
            if (core.hasChild(i) && !raw(core.child(i, scanSource), lo, hi, consumer)) {
                return false;
            }
        }
        return true;
    }

    /** Non-empty windows of 2^q ns aligned to multiples of 2^q, starts in [lo, hi) (both multiples of 2^q). */
    public void aligned(Core root, long lo, long hi, int q, StatConsumer consumer) throws StoreException {
        WindowAccumulator acc = new WindowAccumulator();
        acc.reset(Long.MIN_VALUE);
        long mask = -(1L << q);
        if (alignedNode(root, lo, hi, q, mask, acc, consumer) && acc.count > 0) {
            acc.emit(consumer);
        }
    }

    private boolean alignedNode(
            Node node, long lo, long hi, int q, long mask, WindowAccumulator acc, StatConsumer consumer)
            throws StoreException {
        if (node instanceof Leaf leaf) {
            long[] t = leaf.times();
            double[] v = leaf.values();
            for (int k = leaf.lowerBound(lo), end = leaf.lowerBound(hi); k < end; k++) {
                if (!moveTo(t[k] & mask, acc, consumer)) {
                    return false;
                }
                acc.addPoint(v[k]);
            }
            return true;
        }
        Core core = (Core) node;
        int pw = core.pw();
        for (int i = firstSlot(core, lo); i <= lastSlot(core, hi - 1); i++) {
            if (!core.hasChild(i)) {
                continue;
            }
            if (pw <= q) {
                if (!moveTo(TreeGeometry.slotStart(core.start(), pw, i) & mask, acc, consumer)) {
                    return false;
                }
                acc.add(core.slotCount(i), core.slotMin(i), core.slotMean(i), core.slotMax(i));
            } else if (!alignedNode(core.child(i, source), lo, hi, q, mask, acc, consumer)) {
                return false;
            }
        }
        return true;
    }

    private static boolean moveTo(long window, WindowAccumulator acc, StatConsumer consumer) {
        if (window == acc.window) {
            return true;
        }
        boolean more = acc.count == 0 || acc.emit(consumer);
        acc.reset(window);
        return more;
    }

    /**
     * Dense windows [start + k*width, start + (k+1)*width) up to end (truncated to whole windows), in one walk of
     * the tree: each slot is visited once for the whole query, not once per window it overlaps. A slot inside one
     * window adds its summary there; a slot narrower than 2^depth that straddles windows adds its summary to the
     * window holding its start; any other straddling slot is descended into. These are exactly the decisions of
     * {@link #rangeStats} taken window by window, in the same order, so the sums (and means) are identical.
     */
    public void windows(Core root, long start, long end, long width, int depth, StatConsumer consumer)
            throws StoreException {
        long n = (end - start) / width;
        if (n <= 0) {
            return;
        }
        WindowWalk walk = new WindowWalk(start, width, n, depth, consumer);
        if (walk.node(root)) {
            walk.emitUpTo(n);
        }
    }

    /**
     * The state of one {@link #windows} walk: the window being filled and how the walk assigns slots. Items arrive
     * in time order, so most fall into the current window, which is checked with two comparisons; a division finds
     * the window only when the walk moves on.
     */
    private final class WindowWalk {

        private final long start;
        private final long width;
        private final long hi;
        private final int depth;
        private final StatConsumer consumer;
        private final WindowAccumulator acc = new WindowAccumulator();
        private long current;
        private long currentStart;
        private long currentEnd;

        WindowWalk(long start, long width, long n, int depth, StatConsumer consumer) {
            this.start = start;
            this.width = width;
            this.hi = start + n * width;
            this.depth = depth;
            this.consumer = consumer;
            acc.reset(start);
            currentStart = start;
            currentEnd = start + width;
        }

        boolean node(Node node) throws StoreException {
            if (node instanceof Leaf leaf) {
                return leaf(leaf);
            }
            Core core = (Core) node;
            int pw = core.pw();
            for (int i = firstSlot(core, start); i <= lastSlot(core, hi - 1); i++) {
                if (core.hasChild(i) && !slot(core, pw, i)) {
                    return false;
                }
            }
            return true;
        }

        private boolean leaf(Leaf leaf) {
            long[] t = leaf.times();
            double[] v = leaf.values();
            int k = leaf.lowerBound(start);
            int last = leaf.lowerBound(hi);
            while (k < last) {
                if (!emitUpTo(windowOf(t[k]))) {
                    return false;
                }
                for (long end = currentEnd; k < last && t[k] < end; k++) {
                    acc.addPoint(v[k]);
                }
            }
            return true;
        }

        private boolean slot(Core core, int pw, int i) throws StoreException {
            long s = TreeGeometry.slotStart(core.start(), pw, i);
            if (s >= start) {
                long k = windowOf(s);
                boolean whole = s + (1L << pw) <= start + (k + 1) * width;
                if (whole || pw < depth) {
                    if (!emitUpTo(k)) {
                        return false;
                    }
                    acc.add(core.slotCount(i), core.slotMin(i), core.slotMean(i), core.slotMax(i));
                    return true;
                }
            }
            // a narrow slot that began before the first window belongs to no window
            return pw < depth || node(core.child(i, source));
        }

        private long windowOf(long t) {
            return t >= currentStart && t < currentEnd ? current : (t - start) / width;
        }

        /** Emits the current window and every (empty) one before window k; false once the consumer stops. */
        boolean emitUpTo(long k) {
            while (current < k) {
                if (!acc.emit(consumer)) {
                    return false;
                }
                current++;
                currentStart += width;
                currentEnd += width;
                acc.reset(currentStart);
            }
            return true;
        }
    }

    /** Adds the statistics of points in [lo, hi) to acc, using whole slot summaries where possible. */
    public void rangeStats(Node node, long lo, long hi, int depth, WindowAccumulator acc) throws StoreException {
        if (node instanceof Leaf leaf) {
            double[] v = leaf.values();
            for (int k = leaf.lowerBound(lo), end = leaf.lowerBound(hi); k < end; k++) {
                acc.addPoint(v[k]);
            }
            return;
        }
        Core core = (Core) node;
        int pw = core.pw();
        for (int i = firstSlot(core, lo); i <= lastSlot(core, hi - 1); i++) {
            if (!core.hasChild(i)) {
                continue;
            }
            long s = TreeGeometry.slotStart(core.start(), pw, i);
            long e = s + (1L << pw);
            boolean whole = lo <= s && e <= hi;
            if (whole || (pw < depth && lo <= s && s < hi)) {
                acc.add(core.slotCount(i), core.slotMin(i), core.slotMean(i), core.slotMax(i));
            } else if (pw >= depth) {
                rangeStats(core.child(i, source), lo, hi, depth, acc);
            }
        }
    }

    /** Number of points in [lo, hi). */
    public long count(Core root, long lo, long hi) throws StoreException {
        WindowAccumulator acc = new WindowAccumulator();
        rangeStats(root, lo, hi, 0, acc);
        return acc.count;
    }

    /** First point with time >= t, or null. */
    public RawPoint first(Node node, long t) throws StoreException {
        if (node instanceof Leaf leaf) {
            int k = leaf.lowerBound(t);
            return k < leaf.size() ? new RawPoint(leaf.times()[k], leaf.values()[k]) : null;
        }
        Core core = (Core) node;
        for (int i = firstSlot(core, t); i < TreeGeometry.FANOUT; i++) {
            if (core.hasChild(i)) {
                RawPoint p = first(core.child(i, source), t);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Last point with time < t, or null. */
    public RawPoint last(Node node, long t) throws StoreException {
        if (node instanceof Leaf leaf) {
            int k = leaf.lowerBound(t) - 1;
            return k >= 0 ? new RawPoint(leaf.times()[k], leaf.values()[k]) : null;
        }
        Core core = (Core) node;
        for (int i = lastSlot(core, t - 1); i >= 0; i--) {
            if (core.hasChild(i)) {
                RawPoint p = last(core.child(i, source), t);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Ranges of slots changed after version {@code from}, not descending below point width {@code resolution}. */
    public List<ChangedRange> changes(Core root, long from, int resolution) throws StoreException {
        List<ChangedRange> out = new ArrayList<>();
        changes(root, from, resolution, out);
        return out;
    }

    private void changes(Core core, long from, int resolution, List<ChangedRange> out) throws StoreException {
        int pw = core.pw();
        for (int i = 0; i < TreeGeometry.FANOUT; i++) {
            if (core.slotVersion(i) <= from) {
                continue;
            }
            long s = TreeGeometry.slotStart(core.start(), pw, i);
            Node child = core.child(i, source);
            if (pw > resolution && child instanceof Core c) {
                changes(c, from, resolution, out);
            } else {
                addMerged(out, s, s + (1L << pw));
            }
        }
    }

    private static void addMerged(List<ChangedRange> out, long s, long e) {
        if (!out.isEmpty() && out.get(out.size() - 1).end() >= s) {
            ChangedRange last = out.remove(out.size() - 1);
            out.add(new ChangedRange(last.start(), Math.max(last.end(), e)));
        } else {
            out.add(new ChangedRange(s, e));
        }
    }

    /** Index of the first slot that can hold times >= t, clamped to [0, 64]. */
    private static int firstSlot(Core core, long t) {
        if (t <= core.start()) {
            return 0;
        }
        long idx = (t - core.start()) >>> core.pw();
        return (int) Math.min(idx, TreeGeometry.FANOUT);
    }

    /** Index of the last slot that can hold times <= t, clamped to [-1, 63]. */
    private static int lastSlot(Core core, long t) {
        if (t < core.start()) {
            return -1;
        }
        long idx = (t - core.start()) >>> core.pw();
        return (int) Math.min(idx, TreeGeometry.FANOUT - 1);
    }
}
