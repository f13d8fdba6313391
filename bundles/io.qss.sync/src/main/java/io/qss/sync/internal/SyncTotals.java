// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import io.qss.sync.DeviceSyncStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What sync's health needs of its devices, summed in one pass: backlog, counts, the first configuration mismatches
 * and paused devices by reason. Health used to build (and sort) every device's full status at each snapshot, a quarter
 * of the CPU with 5,000 devices under load; adding a device's figures here allocates nothing. Not thread-safe: one
 * caller fills it, then reads it.
 */
final class SyncTotals {

    /** The oldest pending time of a device with no pending file. */
    static final long NONE_PENDING = Long.MAX_VALUE;

    private final int mismatchesKept;
    /** The smallest mismatch texts (they begin with the device's alias): the same ones at every snapshot. */
    private final TreeSet<String> firstMismatches = new TreeSet<>();

    private final SortedMap<String, Long> pausedByReason = new TreeMap<>();
    private int devices;
    private int pending;
    private long oldestPendingMillis = NONE_PENDING;
    private long synced;
    private long failed;
    private int mismatches;

    /** Keeps the {@code mismatchesKept} first mismatch texts in text order; all are counted. */
    SyncTotals(int mismatchesKept) {
        this.mismatchesKept = mismatchesKept;
    }

    /**
     * Adds one device. {@code oldestPendingMillis} is when its oldest pending file arrived (epoch ms), or
     * {@link #NONE_PENDING}; {@code mismatch} and {@code paused} are empty when they do not apply.
     */
    void add(int pending, long oldestPendingMillis, int synced, int failed, String mismatch, String paused) {
        devices++;
        this.pending += pending;
        this.oldestPendingMillis = Math.min(this.oldestPendingMillis, oldestPendingMillis);
        this.synced += synced;
        this.failed += failed;
        if (!mismatch.isEmpty()) {
            mismatches++;
            firstMismatches.add(mismatch);
            if (firstMismatches.size() > mismatchesKept) {
                firstMismatches.pollLast();
            }
        }
        if (!paused.isEmpty()) {
            pausedByReason.merge(paused, 1L, Long::sum);
        }
    }

    /** Adds a device from its full status. */
    void add(DeviceSyncStatus s) {
        long oldest =
                s.oldestPending() == null ? NONE_PENDING : s.oldestPending().toEpochMilli();
        add(s.pending(), oldest, s.synced(), s.failed(), s.configMismatch(), s.paused());
    }

    int devices() {
        return devices;
    }

    int pending() {
        return pending;
    }

    /** When the oldest pending file of any device arrived; null when none is pending. */
    Instant oldestPending() {
        return oldestPendingMillis == NONE_PENDING ? null : Instant.ofEpochMilli(oldestPendingMillis);
    }

    long synced() {
        return synced;
    }

    long failed() {
        return failed;
    }

    int mismatches() {
        return mismatches;
    }

    /** The first mismatch texts in text order (devices come in no particular order). */
    List<String> firstMismatches() {
        return List.copyOf(firstMismatches);
    }

    /** Paused devices counted by reason, reasons in order. */
    SortedMap<String, Long> pausedByReason() {
        return Collections.unmodifiableSortedMap(pausedByReason);
    }
}
