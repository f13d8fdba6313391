// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

/** Stable sort of parallel time/value arrays by time; already sorted input (the usual case) costs one pass. */
final class PointSort {

    private PointSort() {}

    static boolean isSorted(long[] t) {
        for (int i = 1; i < t.length; i++) {
            if (t[i] < t[i - 1]) {
                return false;
            }
        }
        return true;
    }

    static void sort(long[] t, double[] v) {
        if (isSorted(t)) {
            return;
        }
        long[] tt = t.clone();
        double[] vt = v.clone();
        mergeSort(tt, vt, t, v, 0, t.length);
    }

    /** Sorts [from, to) of src into dst; both pairs start with equal contents. */
    private static void mergeSort(long[] srcT, double[] srcV, long[] dstT, double[] dstV, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(dstT, dstV, srcT, srcV, from, mid);
        mergeSort(dstT, dstV, srcT, srcV, mid, to);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && srcT[i] <= srcT[j])) {
                dstT[k] = srcT[i];
                dstV[k] = srcV[i++];
            } else {
                dstT[k] = srcT[j];
                dstV[k] = srcV[j++];
            }
        }
    }
}
