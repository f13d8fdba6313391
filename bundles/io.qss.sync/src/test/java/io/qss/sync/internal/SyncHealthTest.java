// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.sync.DeviceSyncStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncHealthTest {

    private static final Instant NOW = Instant.parse("2026-12-06T02:00:00Z");
    private static final RateWindow.Rate RATE = new RateWindow.Rate(2.5, 468_000);

    private final SyncHealth health = new SyncHealth(100, 10);

    private static DeviceSyncStatus device(String alias, int pending, Instant oldest, String mismatch) {
        return new DeviceSyncStatus("S-" + alias, alias, 1, pending, 5, 0, null, "", List.of(), 0, oldest, mismatch);
    }

    private static SyncTotals totals(DeviceSyncStatus... devices) {
        SyncTotals totals = SyncHealth.totals();
        for (DeviceSyncStatus d : devices) {
            totals.add(d);
        }
        return totals;
    }

    @Test
    void givenSmallBacklog_whenReported_thenUpWithRateAndBacklogFigures() {
        HealthReport r = health.report(
                totals(device("a", 3, NOW.minusSeconds(120), ""), device("b", 0, null, "")), RATE, 9, true, NOW);

        assertEquals(HealthState.UP, r.state());
        assertEquals("syncing [devices=2]", r.detail());
        assertEquals(2.5, r.figures().get("filesPerSecond"));
        assertEquals(468_000L, r.figures().get("pointsPerSecond"));
        assertEquals(3, r.figures().get("pending"));
        assertEquals(2L, r.figures().get("oldestPendingMinutes"));
    }

    @Test
    void givenTooManyPendingFiles_whenReported_thenDegradedUntilBelowTheLimit() {
        HealthReport behind =
                health.report(totals(device("a", 60, NOW, ""), device("b", 41, NOW, "")), RATE, 0, true, NOW);
        HealthReport caughtUp =
                health.report(totals(device("a", 60, NOW, ""), device("b", 40, NOW, "")), RATE, 0, true, NOW);

        assertEquals(HealthState.DEGRADED, behind.state());
        assertEquals(
                "sync is behind by 0 min: 101 spooled files not yet synced [limits: backlogFiles=100, "
                        + "backlogMinutes=10]",
                behind.detail());
        assertEquals(HealthState.UP, caughtUp.state());
    }

    @Test
    void givenOldPendingFile_whenReported_thenDegradedNamingItsAge() {
        HealthReport r = health.report(totals(device("a", 1, NOW.minusSeconds(11 * 60 + 5), "")), RATE, 0, true, NOW);

        assertEquals(HealthState.DEGRADED, r.state());
        assertEquals(11L, r.figures().get("oldestPendingMinutes"));
    }

    @Test
    void givenMismatchAndFullDisk_whenReported_thenDegradedSayingBoth() {
        String mismatch = "device a registered base, sends extended files: run upmu:setext a true, then upmu:save";
        HealthReport r = health.report(totals(device("a", 0, null, mismatch)), RATE, 0, false, NOW);

        assertEquals(HealthState.DEGRADED, r.state());
        assertEquals("No longer accepting new data; " + mismatch, r.detail());
        assertEquals(1, r.figures().get("configMismatches"));
    }

    @Test
    void givenDevicesOfAnAbsentType_whenReported_thenDegradedNamingTheTypeAndCount() {
        String paused = "paused: device type upmu not installed";
        DeviceSyncStatus a = new DeviceSyncStatus("S-a", "a", 1, 2, 5, 0, null, "", List.of(), 0, NOW, "", paused);
        DeviceSyncStatus b = new DeviceSyncStatus("S-b", "b", 1, 0, 5, 0, null, "", List.of(), 0, null, "", paused);
        HealthReport r = health.report(totals(a, b, device("c", 0, null, "")), RATE, 0, true, NOW);

        assertEquals(HealthState.DEGRADED, r.state());
        assertEquals(paused + " [devices=2]", r.detail());
        assertEquals(2L, r.figures().get("paused"));
    }

    @Test
    void givenMoreMismatchesThanShown_whenReported_thenFirstThreeByAliasNamedAndTheRestCounted() {
        HealthReport r = health.report(
                totals(
                        device("e", 0, null, "e differs"),
                        device("b", 0, null, ""),
                        device("c", 0, null, "c differs"),
                        device("f", 0, null, "f differs"),
                        device("a", 0, null, "a differs"),
                        device("d", 0, null, "d differs")),
                RATE,
                0,
                true,
                NOW);

        assertEquals(
                "a differs; c differs; d differs; 2 more devices disagree with their configuration (see upmu:list)",
                r.detail());
        assertEquals(5, r.figures().get("configMismatches"));
        assertEquals(0L, r.figures().get("oldestPendingMinutes"));
    }
}
