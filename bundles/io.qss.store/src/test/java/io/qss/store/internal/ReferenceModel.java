// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.MergePolicy;
import io.qss.store.api.RawPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The obviously correct, slow model of one stream: a time-sorted list, merge policies applied point by point. */
final class ReferenceModel {

    private final List<RawPoint> points = new ArrayList<>();

    ReferenceModel copy() {
        ReferenceModel m = new ReferenceModel();
        m.points.addAll(points);
        return m;
    }

    List<RawPoint> points() {
        return points;
    }

    void insert(long[] t, double[] v, MergePolicy policy) {
        List<RawPoint> batch = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            batch.add(new RawPoint(t[i], v[i]));
        }
        batch.sort(Comparator.comparingLong(RawPoint::time));
        for (RawPoint p : batch) {
            insertOne(p, policy);
        }
    }

    private void insertOne(RawPoint p, MergePolicy policy) {
        int lo = lowerBound(p.time());
        int hi = lowerBound(p.time() + 1);
        switch (policy) {
            case NEVER -> points.add(hi, p);
            case RETAIN -> {
                if (lo == hi) {
                    points.add(hi, p);
                }
            }
            case EQUAL -> {
                for (int k = lo; k < hi; k++) {
                    if (points.get(k).value() == p.value()) {
                        return;
                    }
                }
                points.add(hi, p);
            }
            case REPLACE -> {
                points.subList(lo, hi).clear();
                points.add(lo, p);
            }
        }
    }

    void delete(long start, long end) {
        points.subList(lowerBound(start), lowerBound(end)).clear();
    }

    int lowerBound(long t) {
        int lo = 0;
        int hi = points.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (points.get(mid).time() < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    List<RawPoint> range(long start, long end) {
        return new ArrayList<>(points.subList(lowerBound(start), lowerBound(end)));
    }
}
