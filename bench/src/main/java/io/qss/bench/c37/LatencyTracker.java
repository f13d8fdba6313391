// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.c37;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Frame-to-queryable latency from polls of each stream's newest point: when a poll at time {@code q} sees a newer
 * point of time {@code t} than the last poll did, the frame stamped {@code t} became queryable no later than
 * {@code q}, so {@code q - t} is recorded (an upper bound, at most one poll interval above the true latency).
 * Polls that see nothing new record nothing. Not thread-safe.
 */
final class LatencyTracker {
    private final Map<String, Long> newest = new HashMap<>();
    private final List<Long> latenciesMillis = new ArrayList<>();
    private long stalls;

    /** Stream {@code key}'s newest point time seen at {@code pollNanos} (both epoch ns; {@code -1}: none yet). */
    void observe(String key, long newestPointNanos, long pollNanos) {
        if (newestPointNanos < 0) {
            return;
        }
        Long before = newest.put(key, newestPointNanos);
        if (before == null) {
            return; // the first sight says nothing about when the point arrived
        }
        if (newestPointNanos > before) {
            latenciesMillis.add(Math.max(0, (pollNanos - newestPointNanos) / 1_000_000));
        } else {
            stalls++;
        }
    }

    /** Polls that saw no newer point than the poll before. */
    long stalls() {
        return stalls;
    }

    int samples() {
        return latenciesMillis.size();
    }

    /** The {@code p}-quantile (0..1) of the recorded latencies, ms; -1 when none. */
    long percentile(double p) {
        return percentile(latenciesMillis, p);
    }

    /** The {@code p}-quantile (0..1, nearest rank) of {@code values}; -1 when empty. */
    static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
