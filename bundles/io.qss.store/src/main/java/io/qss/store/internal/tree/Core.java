// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.tree;

import io.qss.store.api.StoreException;
import java.util.Arrays;

/**
 * An internal node: per slot the child's address (0 = none or not yet written), its count, min, mean and max, and
 * the version that last changed the slot. Children not yet written live in {@code pending}. Immutable; use
 * {@link #edit()} to derive a changed copy.
 *
 * <p>The slot arrays hold only the range from the first to the last slot with a child; every slot outside it is empty
 * and carries one version ({@code outsideVersion}). A live stream's path from the root has one or two children per
 * node above the last levels, so full arrays of 64 were mostly empty: every commit of every stream wrote and cached
 * such a path, and those nodes, evicted later, were the largest share of what the collector copied and promoted under
 * a fleet of live devices.
 */
public final class Core implements Node {

    private static final int N = TreeGeometry.FANOUT;
    /** Bytes the cache counts per node and per array beside the slots themselves. */
    private static final long NODE_OVERHEAD_BYTES = 64;

    private static final long ARRAY_OVERHEAD_BYTES = 16;

    final int pw;
    final long start;
    /** The slot the arrays' first element stands for. */
    private final int lo;
    /** The version of every slot outside the arrays' range. */
    private final long outsideVersion;

    private final long[] addr;
    private final Node[] pending;
    private final long[] counts;
    private final double[] mins;
    private final double[] means;
    private final double[] maxs;
    private final long[] versions;
    private final long count;
    private final double min;
    private final double max;
    private final double mean;

    /** Takes arrays of {@link TreeGeometry#FANOUT} slots (not copied when the node needs them all). */
    private Core(
            int pw,
            long start,
            long[] addr,
            Node[] pending,
            long[] counts,
            double[] mins,
            double[] means,
            double[] maxs,
            long[] versions) {
        this.pw = pw;
        this.start = start;
        int first = 0;
        while (first < N && counts[first] == 0) {
            first++;
        }
        int last = N - 1;
        while (last >= first && counts[last] == 0) {
            last--;
        }
        if (first > last) {
            first = 0;
            last = -1;
        }
        long outside = first > 0 ? versions[0] : last < N - 1 ? versions[N - 1] : 0;
        if (!sameOutside(versions, first, last, outside)) {
            first = 0;
            last = N - 1;
            outside = 0;
        }
        this.lo = first;
        this.outsideVersion = outside;
        int end = last + 1;
        this.addr = range(addr, first, end);
        this.pending =
                pending == null ? null : first == 0 && end == N ? pending : Arrays.copyOfRange(pending, first, end);
        this.counts = range(counts, first, end);
        this.mins = range(mins, first, end);
        this.means = range(means, first, end);
        this.maxs = range(maxs, first, end);
        this.versions = range(versions, first, end);
        long c = 0;
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        double weighted = 0;
        for (int i = 0; i < this.counts.length; i++) {
            if (this.counts[i] > 0) {
                c += this.counts[i];
                lowest = Math.min(lowest, this.mins[i]);
                highest = Math.max(highest, this.maxs[i]);
                weighted += this.means[i] * this.counts[i];
            }
        }
        this.count = c;
        this.min = c == 0 ? 0 : lowest;
        this.max = c == 0 ? 0 : highest;
        this.mean = c == 0 ? 0 : weighted / c;
    }

    /** Whether every slot outside {@code [first, last]} carries version {@code outside}. */
    private static boolean sameOutside(long[] versions, int first, int last, long outside) {
        for (int i = 0; i < N; i++) {
            if ((i < first || i > last) && versions[i] != outside) {
                return false;
            }
        }
        return true;
    }

    private static long[] range(long[] slots, int from, int to) {
        return from == 0 && to == N ? slots : Arrays.copyOfRange(slots, from, to);
    }

    private static double[] range(double[] slots, int from, int to) {
        return from == 0 && to == N ? slots : Arrays.copyOfRange(slots, from, to);
    }

    /** The index into the arrays of slot i, or -1 when the slot lies outside their range (an empty slot). */
    private int index(int slot) {
        int i = slot - lo;
        return i >= 0 && i < counts.length ? i : -1;
    }

    public static Core empty(int pw, long start) {
        return empty(pw, start, 0);
    }

    /**
     * An empty node whose slots all carry change version {@code since}. A node that replaces a leaf covering the
     * same span needs this: the leaf's version said "something in this span changed then", and a slot left at 0
     * would hide that change from {@code changes()} (a point deleted from the leaf leaves no child behind).
     */
    public static Core empty(int pw, long start, long since) {
        long[] versions = new long[N];
        Arrays.fill(versions, since);
        return new Core(
                pw, start, new long[N], null, new long[N], new double[N], new double[N], new double[N], versions);
    }

    /** A stored node as decoded from a block: no pending children. */
    public static Core stored(
            int pw,
            long start,
            long[] addr,
            long[] counts,
            double[] mins,
            double[] means,
            double[] maxs,
            long[] versions) {
        return new Core(pw, start, addr, null, counts, mins, means, maxs, versions);
    }

    public int pw() {
        return pw;
    }

    public long start() {
        return start;
    }

    public long slotCount(int i) {
        int k = index(i);
        return k < 0 ? 0 : counts[k];
    }

    public double slotMin(int i) {
        int k = index(i);
        return k < 0 ? 0 : mins[k];
    }

    public double slotMean(int i) {
        int k = index(i);
        return k < 0 ? 0 : means[k];
    }

    public double slotMax(int i) {
        int k = index(i);
        return k < 0 ? 0 : maxs[k];
    }

    public long slotVersion(int i) {
        int k = index(i);
        return k < 0 ? outsideVersion : versions[k];
    }

    public boolean hasChild(int i) {
        return slotCount(i) > 0;
    }

    /** The stored address of slot i's child (0 when empty or not yet written). */
    public long slotAddress(int i) {
        int k = index(i);
        return k < 0 ? 0 : addr[k];
    }

    /** This stored node with its children at other addresses (blocks moved by compaction); summaries unchanged. */
    public Core withAddresses(long[] addresses) {
        return new Core(
                pw,
                start,
                addresses.clone(),
                null,
                full(counts, 0),
                full(mins),
                full(means),
                full(maxs),
                full(versions, outsideVersion));
    }

    /** The not yet written child of slot i, or null. */
    public Node pendingChild(int i) {
        int k = index(i);
        return pending == null || k < 0 ? null : pending[k];
    }

    public boolean hasPendingChildren() {
        return pending != null;
    }

    /** The child of slot i, loading it if stored; null when the slot is empty. */
    public Node child(int i, NodeSource source) throws StoreException {
        int k = index(i);
        if (k < 0 || counts[k] == 0) {
            return null;
        }
        if (pending != null && pending[k] != null) {
            return pending[k];
        }
        return source.load(addr[k]);
    }

    public Editor edit() {
        return new Editor(this);
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public double min() {
        return min;
    }

    @Override
    public double max() {
        return max;
    }

    @Override
    public double mean() {
        return mean;
    }

    @Override
    public long weight() {
        int arrays = pending == null ? 6 : 7;
        return NODE_OVERHEAD_BYTES + arrays * (ARRAY_OVERHEAD_BYTES + 8L * counts.length);
    }

    /** The slots of all {@link TreeGeometry#FANOUT} slots, those outside the range set to {@code outside}. */
    private long[] full(long[] slots, long outside) {
        long[] all = new long[N];
        if (outside != 0) {
            Arrays.fill(all, outside);
        }
        System.arraycopy(slots, 0, all, lo, slots.length);
        return all;
    }

    private double[] full(double[] slots) {
        double[] all = new double[N];
        System.arraycopy(slots, 0, all, lo, slots.length);
        return all;
    }

    private Node[] fullPending() {
        Node[] all = new Node[N];
        if (pending != null) {
            System.arraycopy(pending, 0, all, lo, pending.length);
        }
        return all;
    }

    /** Builds a changed copy of a core node; the original stays untouched for its readers. */
    public static final class Editor {
        private final Core base;
        private final long[] addr;
        private final Node[] pending;
        private final long[] counts;
        private final double[] mins;
        private final double[] means;
        private final double[] maxs;
        private final long[] versions;
        private boolean changed;

        private Editor(Core base) {
            this.base = base;
            addr = base.full(base.addr, 0);
            pending = base.fullPending();
            counts = base.full(base.counts, 0);
            mins = base.full(base.mins);
            means = base.full(base.means);
            maxs = base.full(base.maxs);
            versions = base.full(base.versions, base.outsideVersion);
        }

        /** Puts a not yet written child (null = empty) into slot i, changed at the given version. */
        public void setPending(int i, Node child, long version) {
            addr[i] = 0;
            pending[i] = child;
            fill(i, child);
            versions[i] = version;
            changed = true;
        }

        /** Puts a written child into slot i, keeping the slot's version (used when persisting). */
        public void setStored(int i, long address, Node child) {
            addr[i] = address;
            pending[i] = null;
            fill(i, child);
        }

        private void fill(int i, Node child) {
            long c = child == null ? 0 : child.count();
            counts[i] = c;
            mins[i] = c == 0 ? 0 : child.min();
            means[i] = c == 0 ? 0 : child.mean();
            maxs[i] = c == 0 ? 0 : child.max();
            if (c == 0) {
                pending[i] = null;
                addr[i] = 0;
            }
        }

        public boolean isChanged() {
            return changed;
        }

        public Core build() {
            boolean anyPending = false;
            for (Node p : pending) {
                anyPending |= p != null;
            }
            return new Core(
                    base.pw, base.start, addr, anyPending ? pending : null, counts, mins, means, maxs, versions);
        }

        @Override
        public String toString() {
            return "Core.Editor[pw=" + base.pw + ", start=" + base.start + ", counts=" + Arrays.toString(counts) + "]";
        }
    }
}
