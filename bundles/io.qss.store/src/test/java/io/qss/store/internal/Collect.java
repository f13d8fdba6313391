// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.RawPoint;
import io.qss.store.api.StatPoint;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test helpers: gather query output into lists, compute expected statistics, compare. */
final class Collect {

    private Collect() {}

    static List<RawPoint> raw(TimeSeriesStore store, UUID id, long start, long end, long version)
            throws StoreException {
        List<RawPoint> out = new ArrayList<>();
        store.rawValues(id, start, end, version, (t, v, from, to) -> {
            for (int i = from; i < to; i++) {
                out.add(new RawPoint(t[i], v[i]));
            }
            return true;
        });
        return out;
    }

    static List<StatPoint> aligned(TimeSeriesStore store, UUID id, long start, long end, int pw, long version)
            throws StoreException {
        List<StatPoint> out = new ArrayList<>();
        store.alignedWindows(
                id,
                start,
                end,
                pw,
                version,
                (t, min, mean, max, count) -> out.add(new StatPoint(t, min, mean, max, count)));
        return out;
    }

    static List<StatPoint> windows(TimeSeriesStore store, UUID id, long start, long end, long width, long version)
            throws StoreException {
        List<StatPoint> out = new ArrayList<>();
        store.windows(
                id,
                start,
                end,
                width,
                0,
                version,
                (t, min, mean, max, count) -> out.add(new StatPoint(t, min, mean, max, count)));
        return out;
    }

    static List<StatPoint> expectedAligned(List<RawPoint> points, long start, long end, int pw) {
        long mask = -(1L << pw);
        long lo = start & mask;
        long hi = end & mask;
        List<StatPoint> out = new ArrayList<>();
        List<RawPoint> window = new ArrayList<>();
        long current = 0;
        for (RawPoint p : points) {
            if (p.time() < lo || p.time() >= hi) {
                continue;
            }
            long w = p.time() & mask;
            if (!window.isEmpty() && w != current) {
                out.add(stat(current, window));
                window.clear();
            }
            current = w;
            window.add(p);
        }
        if (!window.isEmpty()) {
            out.add(stat(current, window));
        }
        return out;
    }

    static List<StatPoint> expectedWindows(List<RawPoint> points, long start, long end, long width) {
        List<StatPoint> out = new ArrayList<>();
        long n = (end - start) / width;
        for (long k = 0; k < n; k++) {
            long ws = start + k * width;
            List<RawPoint> in = points.stream()
                    .filter(p -> p.time() >= ws && p.time() < ws + width)
                    .toList();
            out.add(stat(ws, in));
        }
        return out;
    }

    static StatPoint stat(long time, List<RawPoint> points) {
        if (points.isEmpty()) {
            return new StatPoint(time, 0, 0, 0, 0);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (RawPoint p : points) {
            min = Math.min(min, p.value());
            max = Math.max(max, p.value());
            sum += p.value();
        }
        return new StatPoint(time, min, sum / points.size(), max, points.size());
    }

    static void assertStats(List<StatPoint> expected, List<StatPoint> actual, String context) {
        assertEquals(expected.size(), actual.size(), "window count " + context);
        for (int i = 0; i < expected.size(); i++) {
            StatPoint e = expected.get(i);
            StatPoint a = actual.get(i);
            String where = context + " window " + i + " expected " + e + " actual " + a;
            assertEquals(e.time(), a.time(), where);
            assertEquals(e.count(), a.count(), where);
            assertEquals(e.min(), a.min(), where);
            assertEquals(e.max(), a.max(), where);
            assertTrue(Math.abs(e.mean() - a.mean()) <= 1e-9 * Math.max(1, Math.abs(e.mean())), where);
        }
    }
}
