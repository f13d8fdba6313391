// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.sync.DeviceSyncStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Sync's health from its device statuses: {@code DEGRADED} while the disk guard refuses data, while devices are
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

    HealthReport report(
            List<DeviceSyncStatus> statuses,
            RateWindow.Rate rate,
            long pointsSinceStart,
            boolean isAcceptingData,
            Instant now) {
        int pending = statuses.stream().mapToInt(DeviceSyncStatus::pending).sum();
        long behindMinutes = statuses.stream()
                .map(DeviceSyncStatus::oldestPending)
                .filter(Objects::nonNull)
                .min(Instant::compareTo)
                .map(t -> Math.max(0, Duration.between(t, now).toMinutes()))
                .orElse(0L);
        List<String> mismatches = statuses.stream()
                .map(DeviceSyncStatus::configMismatch)
                .filter(m -> !m.isEmpty())
                .toList();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("devices", statuses.size());
        figures.put("filesPerSecond", Math.round(rate.filesPerSecond() * 100) / 100.0);
        figures.put("pointsPerSecond", Math.round(rate.pointsPerSecond()));
        figures.put("pending", pending);
        figures.put("oldestPendingMinutes", behindMinutes);
        figures.put(
                "synced", statuses.stream().mapToLong(DeviceSyncStatus::synced).sum());
        figures.put(
                "failed", statuses.stream().mapToLong(DeviceSyncStatus::failed).sum());
        figures.put("configMismatches", mismatches.size());
        Map<String, Long> paused = statuses.stream()
                .filter(DeviceSyncStatus::isPaused)
                .collect(Collectors.groupingBy(DeviceSyncStatus::paused, TreeMap::new, Collectors.counting()));
        figures.put(
                "paused", paused.values().stream().mapToLong(Long::longValue).sum());
        figures.put("pointsSinceStart", pointsSinceStart);
        List<String> problems = new ArrayList<>();
        if (!isAcceptingData) {
            problems.add("No longer accepting new data");
        }
        paused.forEach((reason, devices) -> problems.add(reason + " [devices=" + devices + "]"));
        if (pending > backlogFiles || behindMinutes > backlogMinutes) {
            problems.add("sync is behind by " + behindMinutes + " min: " + pending + " spooled files not yet synced"
                    + " [limits: backlogFiles=" + backlogFiles + ", backlogMinutes=" + backlogMinutes + "]");
        }
        mismatches.stream().limit(MAX_MISMATCHES_SHOWN).forEach(problems::add);
        if (mismatches.size() > MAX_MISMATCHES_SHOWN) {
            problems.add((mismatches.size() - MAX_MISMATCHES_SHOWN) + " more devices disagree with their "
                    + "configuration (see upmu:list)");
        }
        if (problems.isEmpty()) {
            return new HealthReport(HealthState.UP, "syncing [devices=" + statuses.size() + "]", figures);
        }
        return new HealthReport(HealthState.DEGRADED, String.join("; ", problems), figures);
    }
}
