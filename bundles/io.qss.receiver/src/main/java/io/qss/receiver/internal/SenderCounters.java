// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import io.qss.receiver.SenderStats;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Per-serial counters in memory; {@link #drainDirty} hands the changed ones to a writer at a bounded rate (one
 * MongoDB write per device per period, never one per file). Counters loaded from MongoDB are added to what arrived
 * before they were loaded, and nothing is handed out for writing until they are, so a restart loses no count. At
 * most {@code maxSerials} serials are counted, so a client inventing serials cannot grow memory without bound.
 * Thread-safe.
 */
final class SenderCounters {

    private final Map<String, SenderStats> stats = new ConcurrentHashMap<>();
    private final Map<String, Boolean> dirty = new ConcurrentHashMap<>();
    private final int maxSerials;
    private volatile boolean isLoaded;

    SenderCounters(int maxSerials) {
        this.maxSerials = maxSerials;
    }

    /** Adds counters loaded from MongoDB to those counted since start. */
    void seed(SenderStats loaded) {
        stats.merge(
                loaded.serial(),
                loaded,
                (now, old) -> new SenderStats(
                        now.serial(),
                        now.lastReceived() != null ? now.lastReceived() : old.lastReceived(),
                        old.files() + now.files(),
                        old.bytes() + now.bytes(),
                        old.rejected() + now.rejected(),
                        now.lastError().isEmpty() ? old.lastError() : now.lastError(),
                        now.remote(),
                        now.lastPath().isEmpty() ? old.lastPath() : now.lastPath()));
    }

    /** The counters in MongoDB are loaded: writing may begin. */
    void loaded() {
        isLoaded = true;
    }

    boolean isLoaded() {
        return isLoaded;
    }

    void received(String serial, long bytes, String remote, String path) {
        update(
                serial,
                s -> s == null
                        ? new SenderStats(serial, Instant.now(), 1, bytes, 0, "", remote, path)
                        : new SenderStats(
                                serial,
                                Instant.now(),
                                s.files() + 1,
                                s.bytes() + bytes,
                                s.rejected(),
                                s.lastError(),
                                remote,
                                path));
    }

    void rejected(String serial, String error, String remote, String path) {
        update(
                serial,
                s -> s == null
                        ? new SenderStats(serial, null, 0, 0, 1, error, remote, path)
                        : new SenderStats(
                                serial, s.lastReceived(), s.files(), s.bytes(), s.rejected() + 1, error, remote, path));
    }

    private void update(String serial, UnaryOperator<SenderStats> change) {
        if (!stats.containsKey(serial) && stats.size() >= maxSerials) {
            return;
        }
        stats.compute(serial, (k, s) -> change.apply(s));
        dirty.put(serial, Boolean.TRUE);
    }

    List<SenderStats> all() {
        return stats.values().stream()
                .sorted(Comparator.comparing(SenderStats::serial))
                .toList();
    }

    long totalFiles() {
        return stats.values().stream().mapToLong(SenderStats::files).sum();
    }

    /**
     * Passes each changed sender's current counters to {@code writer}, once loaded; a failed write marks it changed
     * again and ends the pass (the others stay changed).
     */
    void drainDirty(Consumer<SenderStats> writer) {
        if (!isLoaded) {
            return;
        }
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
