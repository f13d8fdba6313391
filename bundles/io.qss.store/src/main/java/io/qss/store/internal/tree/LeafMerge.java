// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.tree;

import io.qss.store.api.MergePolicy;
import java.util.Arrays;

/**
 * Merges new points into a leaf's points under a merge policy. All points with one time live in one leaf, so the
 * policy only ever needs the points of the leaf being merged.
 */
final class LeafMerge {

    private LeafMerge() {}

    /**
     * Merges stored points (may be null) with new points {@code [from, to)}, both sorted by time, into a new leaf.
     */
    static Leaf merge(Leaf stored, long[] nt, double[] nv, int from, int to, MergePolicy policy) {
        long[] st = stored == null ? new long[0] : stored.times();
        double[] sv = stored == null ? new double[0] : stored.values();
        boolean appends = st.length == 0 || st[st.length - 1] < nt[from];
        if (appends && (policy == MergePolicy.NEVER || strictlyIncreasing(nt, from, to))) {
            return concat(st, sv, nt, nv, from, to);
        }
        if (policy == MergePolicy.NEVER) {
            return mergeKeepingAll(st, sv, nt, nv, from, to);
        }
        int cap = st.length + (to - from);
        long[] ot = new long[cap];
        double[] ov = new double[cap];
        int i = 0;
        int j = from;
        int o = 0;
        while (i < st.length || j < to) {
            long t = nextTime(st, i, nt, j, to);
            int iEnd = runEnd(st, i, st.length, t);
            int jEnd = runEnd(nt, j, to, t);
            o = mergeRun(t, sv, i, iEnd, nv, j, jEnd, policy, ot, ov, o);
            i = iEnd;
            j = jEnd;
        }
        return new Leaf(o == cap ? ot : Arrays.copyOf(ot, o), o == cap ? ov : Arrays.copyOf(ov, o));
    }

    /** The common case at 120 Hz: new points all come after the stored ones. */
    private static Leaf concat(long[] st, double[] sv, long[] nt, double[] nv, int from, int to) {
        int n = st.length + (to - from);
        long[] ot = Arrays.copyOf(st, n);
        double[] ov = Arrays.copyOf(sv, n);
        System.arraycopy(nt, from, ot, st.length, to - from);
        System.arraycopy(nv, from, ov, st.length, to - from);
        return new Leaf(ot, ov);
    }

    /** NEVER: a plain two-way merge; at equal times stored points come first. */
    private static Leaf mergeKeepingAll(long[] st, double[] sv, long[] nt, double[] nv, int from, int to) {
        int n = st.length + (to - from);
        long[] ot = new long[n];
        double[] ov = new double[n];
        int i = 0;
        int j = from;
        for (int o = 0; o < n; o++) {
            if (j >= to || (i < st.length && st[i] <= nt[j])) {
                ot[o] = st[i];
                ov[o] = sv[i++];
            } else {
                ot[o] = nt[j];
                ov[o] = nv[j++];
            }
        }
        return new Leaf(ot, ov);
    }

    private static boolean strictlyIncreasing(long[] t, int from, int to) {
        for (int k = from + 1; k < to; k++) {
            if (t[k] <= t[k - 1]) {
                return false;
            }
        }
        return true;
    }

    private static long nextTime(long[] st, int i, long[] nt, int j, int to) {
        if (i >= st.length) {
            return nt[j];
        }
        if (j >= to) {
            return st[i];
        }
        return Math.min(st[i], nt[j]);
    }

    private static int runEnd(long[] times, int from, int to, long t) {
        int k = from;
        while (k < to && times[k] == t) {
            k++;
        }
        return k;
    }

    /** Writes the points kept at time t: stored run [i, iEnd), new run [j, jEnd). */
    private static int mergeRun(
            long t,
            double[] sv,
            int i,
            int iEnd,
            double[] nv,
            int j,
            int jEnd,
            MergePolicy policy,
            long[] ot,
            double[] ov,
            int o) {
        boolean hasStored = iEnd > i;
        boolean hasNew = jEnd > j;
        if (policy == MergePolicy.REPLACE && hasNew) {
            ot[o] = t;
            ov[o] = nv[jEnd - 1];
            return o + 1;
        }
        for (int k = i; k < iEnd; k++) {
            ot[o] = t;
            ov[o++] = sv[k];
        }
        if (!hasNew || (policy == MergePolicy.RETAIN && hasStored)) {
            return o;
        }
        if (policy == MergePolicy.RETAIN) {
            ot[o] = t;
            ov[o] = nv[j];
            return o + 1;
        }
        int runStart = o - (iEnd - i);
        for (int k = j; k < jEnd; k++) {
            if (policy == MergePolicy.EQUAL && containsValue(ov, runStart, o, nv[k])) {
                continue;
            }
            ot[o] = t;
            ov[o++] = nv[k];
        }
        return o;
    }

    private static boolean containsValue(double[] values, int from, int to, double v) {
        for (int k = from; k < to; k++) {
            if (values[k] == v) {
                return true;
            }
        }
        return false;
    }
}
