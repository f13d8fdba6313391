// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.tree;

import io.qss.store.api.StoreException;
import java.util.Arrays;

/**
 * An internal node: per slot the child's address (0 = none or not yet written), its count, min, mean and max, and
 * the version that last changed the slot. Children not yet written live in {@code pending}. Immutable; use
 * {@link #edit()} to derive a changed copy.
 */
public final class Core implements Node {

    private static final int N = TreeGeometry.FANOUT;

    final int pw;
    final long start;
    final long[] addr;
    final Node[] pending;
    final long[] counts;
    final double[] mins;
    final double[] means;
    final double[] maxs;
    final long[] versions;
    private final long count;
    private final double min;
    private final double max;
    private final double mean;

    Core(
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
        this.addr = addr;
        this.pending = pending;
        this.counts = counts;
        this.mins = mins;
        this.means = means;
        this.maxs = maxs;
        this.versions = versions;
        long c = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double weighted = 0;
        for (int i = 0; i < N; i++) {
            if (counts[i] > 0) {
                c += counts[i];
                lo = Math.min(lo, mins[i]);
                hi = Math.max(hi, maxs[i]);
                weighted += means[i] * counts[i];
            }
        }
        this.count = c;
        this.min = c == 0 ? 0 : lo;
        this.max = c == 0 ? 0 : hi;
        this.mean = c == 0 ? 0 : weighted / c;
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
        return counts[i];
    }

    public double slotMin(int i) {
        return mins[i];
    }

    public double slotMean(int i) {
        return means[i];
    }

    public double slotMax(int i) {
        return maxs[i];
    }

    public long slotVersion(int i) {
        return versions[i];
    }

    public boolean hasChild(int i) {
        return counts[i] > 0;
    }

    /** The stored address of slot i's child (0 when empty or not yet written). */
    public long slotAddress(int i) {
        return addr[i];
    }

    /** This stored node with its children at other addresses (blocks moved by compaction); summaries unchanged. */
    public Core withAddresses(long[] addresses) {
        return new Core(pw, start, addresses.clone(), null, counts, mins, means, maxs, versions);
    }

    /** The not yet written child of slot i, or null. */
    public Node pendingChild(int i) {
        return pending == null ? null : pending[i];
    }

    public boolean hasPendingChildren() {
        return pending != null;
    }

    /** The child of slot i, loading it if stored; null when the slot is empty. */
    public Node child(int i, NodeSource source) throws StoreException {
        if (counts[i] == 0) {
            return null;
        }
        if (pending != null && pending[i] != null) {
            return pending[i];
        }
        return source.load(addr[i]);
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
        return 64 + 7L * 8 * N;
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
            addr = base.addr.clone();
            pending = base.pending == null ? new Node[N] : base.pending.clone();
            counts = base.counts.clone();
            mins = base.mins.clone();
            means = base.means.clone();
            maxs = base.maxs.clone();
            versions = base.versions.clone();
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
