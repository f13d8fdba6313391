// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import io.qss.receiver.SenderStats;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Per-serial counters in memory; {@link #drainDirty} hands the changed ones to a writer at a bounded rate (one
 * MongoDB write per device per period, never one per file). Thread-safe.
 */
final class SenderCounters {

    private final Map<String, SenderStats> stats = new ConcurrentHashMap<>();
    private final Map<String, Boolean> dirty = new ConcurrentHashMap<>();

    void seed(SenderStats s) {
        stats.putIfAbsent(s.serial(), s);
    }

    void received(String serial, long bytes, String remote) {
        stats.compute(serial, (k, s) -> s == null
                ? new SenderStats(serial, Instant.now(), 1, bytes, 0, "", remote)
                : new SenderStats(serial, Instant.now(), s.files() + 1, s.bytes() + bytes, s.rejected(),
                        s.lastError(), remote));
        dirty.put(serial, Boolean.TRUE);
    }

    void rejected(String serial, String error, String remote) {
        stats.compute(serial, (k, s) -> s == null
                ? new SenderStats(serial, null, 0, 0, 1, error, remote)
                : new SenderStats(serial, s.lastReceived(), s.files(), s.bytes(), s.rejected() + 1, error, remote));
        dirty.put(serial, Boolean.TRUE);
    }

    List<SenderStats> all() {
        return stats.values().stream().sorted(Comparator.comparing(SenderStats::serial)).toList();
    }

    long totalFiles() {
        return stats.values().stream().mapToLong(SenderStats::files).sum();
    }

    /** Passes each changed sender's current counters to {@code writer}; a failed write marks it changed again. */
    void drainDirty(Consumer<SenderStats> writer) {
        for (String serial : List.copyOf(dirty.keySet())) {
            dirty.remove(serial);
            try {
                writer.accept(stats.get(serial));
            } catch (RuntimeException e) {
                dirty.put(serial, Boolean.TRUE);
                throw e;
            }
        }
    }
}
