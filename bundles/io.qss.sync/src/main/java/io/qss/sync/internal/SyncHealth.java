// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sync's health from its devices' totals: {@code DEGRADED} while the disk guard refuses data, while devices are
 * paused (their device type is not installed), while the backlog (pending files, age of the oldest) is above its
 * limits, or while a device's files disagree with its configuration; else {@code UP}. Figures: the ingest rate over the last minute and the backlog, for {@code /health} and
 * {@code qss:status}. Stateless.
 */
final class SyncHealth {

    private static final int MAX_MISMATCHES_SHOWN = 3;

    private final int backlogFiles;
    private final long backlogMinutes;

    /** Sync is behind when more than {@code backlogFiles} are pending or the oldest is older than the minutes. */
    SyncHealth(int backlogFiles, long backlogMinutes) {
        this.backlogFiles = backlogFiles;
        this.backlogMinutes = backlogMinutes;
    }

    /** A collector of device figures sized for this report. */
    static SyncTotals totals() {
        return new SyncTotals(MAX_MISMATCHES_SHOWN);
    }

    HealthReport report(
            SyncTotals devices, RateWindow.Rate rate, long pointsSinceStart, boolean isAcceptingData, Instant now) {
        int pending = devices.pending();
        Instant oldest = devices.oldestPending();
        long behindMinutes =
                oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMinutes());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("devices", devices.devices());
        figures.put("filesPerSecond", Math.round(rate.filesPerSecond() * 100) / 100.0);
        figures.put("pointsPerSecond", Math.round(rate.pointsPerSecond()));
        figures.put("pending", pending);
        figures.put("oldestPendingMinutes", behindMinutes);
        figures.put("synced", devices.synced());
        figures.put("failed", devices.failed());
        figures.put("configMismatches", devices.mismatches());
        Map<String, Long> paused = devices.pausedByReason();
        figures.put(
                "paused", paused.values().stream().mapToLong(Long::longValue).sum());
        figures.put("pointsSinceStart", pointsSinceStart);
        List<String> problems = new ArrayList<>();
        if (!isAcceptingData) {
            problems.add("No longer accepting new data");
        }
        paused.forEach((reason, count) -> problems.add(reason + " [devices=" + count + "]"));
        if (pending > backlogFiles || behindMinutes > backlogMinutes) {
            problems.add("sync is behind by " + behindMinutes + " min: " + pending + " spooled files not yet synced"
                    + " [limits: backlogFiles=" + backlogFiles + ", backlogMinutes=" + backlogMinutes + "]");
        }
        problems.addAll(devices.firstMismatches());
        if (devices.mismatches() > MAX_MISMATCHES_SHOWN) {
            problems.add((devices.mismatches() - MAX_MISMATCHES_SHOWN) + " more devices disagree with their "
                    + "configuration (see upmu:list)");
        }
        if (problems.isEmpty()) {
            return new HealthReport(HealthState.UP, "syncing [devices=" + devices.devices() + "]", figures);
        }
        return new HealthReport(HealthState.DEGRADED, String.join("; ", problems), figures);
    }
}
