// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.tree;

import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import java.util.Arrays;

/**
 * Copy-on-write changes to a tree: every changed node is a new object, so readers of the old root keep a
 * consistent view. Changed slots are stamped with {@code version}. Not thread-safe; one writer per stream.
 */
public final class TreeWriter {

    private final NodeSource source;
    private final int leafCapacity;
    private final long version;

    public TreeWriter(NodeSource source, int leafCapacity, long version) {
        this.source = source;
        this.leafCapacity = leafCapacity;
        this.version = version;
    }

    public static Core emptyRoot() {
        return Core.empty(TreeGeometry.ROOT_PW, TreeGeometry.ROOT_START);
    }

    /** Inserts points sorted by time (stable) into the tree under root; returns the new root. */
    public Core insert(Core root, long[] times, double[] values, int from, int to, MergePolicy policy)
            throws StoreException {
        if (from >= to) {
            return root;
        }
        return insertIntoCore(root, times, values, from, to, policy);
    }

    /**
     * Inserts into the child at (pw, start), a leaf, a core or null (empty slot); {@code since} is the version the
     * parent's slot carried, i.e. when something in this span last changed.
     */
    private Node insertNode(
            Node node, int pw, long start, long since, long[] t, double[] v, int from, int to, MergePolicy policy)
            throws StoreException {
        if (node instanceof Core core) {
            return insertIntoCore(core, t, v, from, to, policy);
        }
        Leaf merged = LeafMerge.merge((Leaf) node, t, v, from, to, policy);
        if (merged.size() <= leafCapacity || !TreeGeometry.canSplit(pw)) {
            return merged;
        }
        return build(pw, start, since, merged.times(), merged.values(), 0, merged.size());
    }

    private Core insertIntoCore(Core core, long[] t, double[] v, int from, int to, MergePolicy policy)
            throws StoreException {
        Core.Editor editor = core.edit();
        int pw = core.pw();
        int i = from;
        while (i < to) {
            int slot = TreeGeometry.slotOf(core.start(), pw, t[i]);
            long slotStart = TreeGeometry.slotStart(core.start(), pw, slot);
            int j = upperBound(t, i, to, slotStart + (1L << pw) - 1);
            Node child = core.child(slot, source);
            Node updated =
                    insertNode(child, TreeGeometry.childPw(pw), slotStart, core.slotVersion(slot), t, v, i, j, policy);
            editor.setPending(slot, updated, version);
            i = j;
        }
        return editor.build();
    }

    /**
     * Builds a subtree at (pw, start) from sorted points: a core node whose children are leaves or cores. It
     * replaces a leaf (or an emptied slot) last changed at version {@code since}; slots left empty keep that version
     * so that an earlier delete inside the span is still reported by {@code changes()}.
     */
    private Core build(int pw, long start, long since, long[] t, double[] v, int from, int to) {
        Core.Editor editor = Core.empty(pw, start, since).edit();
        int childPw = TreeGeometry.childPw(pw);
        int i = from;
        while (i < to) {
            int slot = TreeGeometry.slotOf(start, pw, t[i]);
            long slotStart = TreeGeometry.slotStart(start, pw, slot);
            int j = upperBound(t, i, to, slotStart + (1L << pw) - 1);
            Node child;
            if (j - i <= leafCapacity || !TreeGeometry.canSplit(childPw)) {
                child = new Leaf(Arrays.copyOfRange(t, i, j), Arrays.copyOfRange(v, i, j));
            } else {
                child = build(childPw, slotStart, since, t, v, i, j);
            }
            editor.setPending(slot, child, version);
            i = j;
        }
        return editor.build();
    }

    /** First index in [from, to) whose time is greater than last. */
    static int upperBound(long[] t, int from, int to, long last) {
        if (t[to - 1] <= last) {
            return to;
        }
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] <= last) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Removes points in [lo, hi); returns the new root (the same object when nothing was removed). */
    public Core delete(Core root, long lo, long hi) throws StoreException {
        Node result = deleteFromCore(root, lo, hi);
        if (result == null) {
            Core.Editor editor = root.edit();
            for (int i = 0; i < TreeGeometry.FANOUT; i++) {
                if (root.hasChild(i)) {
                    editor.setPending(i, null, version);
                }
            }
            return editor.build();
        }
        return (Core) result;
    }

    private Node deleteNode(Node node, long lo, long hi) throws StoreException {
        if (node instanceof Core core) {
            return deleteFromCore(core, lo, hi);
        }
        Leaf leaf = (Leaf) node;
        int a = leaf.lowerBound(lo);
        int b = leaf.lowerBound(hi);
        if (a == b) {
            return leaf;
        }
        int n = leaf.size() - (b - a);
        if (n == 0) {
            return null;
        }
        long[] t = new long[n];
        double[] v = new double[n];
        System.arraycopy(leaf.times(), 0, t, 0, a);
        System.arraycopy(leaf.values(), 0, v, 0, a);
        System.arraycopy(leaf.times(), b, t, a, leaf.size() - b);
        System.arraycopy(leaf.values(), b, v, a, leaf.size() - b);
        return new Leaf(t, v);
    }

    private Node deleteFromCore(Core core, long lo, long hi) throws StoreException {
        Core.Editor editor = core.edit();
        int pw = core.pw();
        long remaining = 0;
        for (int i = 0; i < TreeGeometry.FANOUT; i++) {
            if (!core.hasChild(i)) {
                continue;
            }
            long s = TreeGeometry.slotStart(core.start(), pw, i);
            long e = s + (1L << pw);
            if (e <= lo || s >= hi) {
                remaining += core.slotCount(i);
            } else if (lo <= s && e <= hi) {
                editor.setPending(i, null, version);
            } else {
                Node child = core.child(i, source);
                Node updated = deleteNode(child, lo, hi);
                if (updated != child) {
                    editor.setPending(i, updated, version);
                }
                remaining += updated == null ? 0 : updated.count();
            }
        }
        if (!editor.isChanged()) {
            return core;
        }
        return remaining == 0 ? null : editor.build();
    }
}
