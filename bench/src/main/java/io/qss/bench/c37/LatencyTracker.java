// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.c37;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;

/**
 * Frame-to-queryable latency from polls of each stream's newest point: when a poll at time {@code q} sees a newer
 * point of time {@code t} than the last poll did (time {@code b}), every frame stamped in {@code (b, t]} became
 * queryable no later than {@code q}, so {@code q - t_i} is recorded for each of those frames (one per frame
 * period, counting back from {@code t}): an upper bound, at most one poll interval above the true latency. Counting
 * every frame, not only the newest, keeps a stall honest: after a pause, the frames that waited through it are
 * recorded with their wait, not hidden behind the fresh frame that arrived with them. Not thread-safe.
 */
final class LatencyTracker {
    private final Map<String, Long> newest = new HashMap<>();
    private final List<Long> latenciesMillis = new ArrayList<>();
    private final List<Long> sinceSentMillis = new ArrayList<>();
    private final long framePeriodNanos;
    private final LongUnaryOperator sentAt;
    /** The latencies by {@link #WINDOW_SECONDS} window of the measurement, counted from the first poll. */
    private final Map<Long, List<Long>> byWindow = new TreeMap<>();

    private long firstPollNanos = -1;
    private long stalls;

    /** Length of the windows the tail is also reported in: a stall shows when it happened, not only that it did. */
    static final int WINDOW_SECONDS = 30;

    /** @param framePeriodNanos time between two frames of a stream (1 s / rate), > 0 */
    LatencyTracker(long framePeriodNanos) {
        this(framePeriodNanos, frame -> -1);
    }

    /**
     * @param sentAt when the frame stamped with the given time was sent (epoch ns), -1 when unknown: the latency from
     *     then is recorded too, which leaves out the sender's own delay
     */
    LatencyTracker(long framePeriodNanos, LongUnaryOperator sentAt) {
        this.framePeriodNanos = framePeriodNanos;
        this.sentAt = sentAt;
    }

    /** Stream {@code key}'s newest point time seen at {@code pollNanos} (both epoch ns; {@code -1}: none yet). */
    void observe(String key, long newestPointNanos, long pollNanos) {
        if (firstPollNanos < 0) {
            firstPollNanos = pollNanos;
        }
        if (newestPointNanos < 0) {
            return;
        }
        Long before = newest.put(key, newestPointNanos);
        if (before == null) {
            return; // the first sight says nothing about when the point arrived
        }
        if (newestPointNanos <= before) {
            stalls++;
            return;
        }
        List<Long> window = byWindow.computeIfAbsent(
                (pollNanos - firstPollNanos) / TimeUnit.SECONDS.toNanos(WINDOW_SECONDS), w -> new ArrayList<>());
        for (long frame = newestPointNanos; frame > before; frame -= framePeriodNanos) {
            long latency = Math.max(0, (pollNanos - frame) / 1_000_000);
            latenciesMillis.add(latency);
            window.add(latency);
            long sent = sentAt.applyAsLong(frame);
            if (sent >= 0) {
                sinceSentMillis.add(Math.max(0, (pollNanos - sent) / 1_000_000));
            }
        }
    }

    /** Per window of the measurement: its start (s), p50, p99 and max (ms), e.g. {@code 30s 412/1034/1510}. */
    String windows() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Long, List<Long>> w : byWindow.entrySet()) {
            List<Long> values = w.getValue();
            out.append(String.format(
                    Locale.ROOT,
                    "%s%ds %d/%d/%d",
                    out.length() == 0 ? "" : ", ",
                    w.getKey() * WINDOW_SECONDS,
                    percentile(values, 0.5),
                    percentile(values, 0.99),
                    percentile(values, 1.0)));
        }
        return out.toString();
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

    /** As {@link #percentile}, counted from each frame's sending (frames whose sending is known). */
    long percentileSinceSent(double p) {
        return percentile(sinceSentMillis, p);
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
