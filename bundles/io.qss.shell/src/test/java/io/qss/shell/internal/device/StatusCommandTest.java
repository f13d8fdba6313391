// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qss.device.DeviceStatus;
import io.qss.devicemanager.DeviceMonitor;
import io.qss.devicemanager.LiveDeviceState;
import io.qss.shell.internal.CommandFakes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusCommandTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final LiveDeviceState RECEIVING = new LiveDeviceState(
            "c37118",
            "pmu-north",
            DeviceStatus.RECEIVING,
            "CFG-2 of 1 PMU, 60 frames/s",
            59.95,
            123456,
            2,
            1,
            NOW.minusMillis(400));
    private static final LiveDeviceState FAILING = new LiveDeviceState(
            "c37118",
            "pdc1",
            DeviceStatus.ERROR,
            "connect failed [address=10.0.0.9:4712, cause=Connection refused]; retrying in 8 s",
            0,
            0,
            0,
            4,
            null);
    private static final LiveDeviceState PAUSED = new LiveDeviceState(
            "csvmeter",
            "m1",
            DeviceStatus.PAUSED,
            "device type csvmeter not installed",
            0,
            10,
            0,
            0,
            NOW.minusSeconds(7200));

    @Test
    void givenDevices_whenRendered_thenOneLineEachAndTotals() {
        String out = StatusCommand.render(List.of(RECEIVING, FAILING, PAUSED), NOW);

        assertEquals("""
                ALIAS      TYPE      STATUS     FRAMES/S       VALID   INVALID  RECONNECTS  LAST FRAME  DETAIL
                pmu-north  c37118    RECEIVING      60.0      123456         2           1  0.4 s ago   CFG-2 of 1 PMU, 60 frames/s
                pdc1       c37118    ERROR           0.0           0         0           4  never       connect failed [address=10.0.0.9:4712, cause=Connection refused]; retrying in 8 s
                m1         csvmeter  PAUSED          0.0          10         0           0  2 h ago     device type csvmeter not installed
                3 device(s), 60.0 frames/s
                """, out);
    }

    @Test
    void givenNoDevices_thenSaysSo() {
        assertEquals(
                "no live devices (devices of connection-based types appear here once saved)\n",
                StatusCommand.render(List.of(), NOW));
    }

    @Test
    void givenAges_thenReadable() {
        assertEquals("never", StatusCommand.age(null, NOW));
        assertEquals("0.0 s ago", StatusCommand.age(NOW.plusSeconds(1), NOW));
        assertEquals("59.0 s ago", StatusCommand.age(NOW.minusSeconds(59), NOW));
        assertEquals("5 min ago", StatusCommand.age(NOW.minusSeconds(300), NOW));
        assertEquals("3 d ago", StatusCommand.age(NOW.minusSeconds(3 * 86400), NOW));
    }

    @Test
    void givenUnknownAlias_whenExecuted_thenErrorNamesIt() {
        StatusCommand command = new StatusCommand();
        List<String> calls = new ArrayList<>();
        command.monitor = CommandFakes.fake(DeviceMonitor.class, calls, Map.of("state", a -> Optional.empty()));
        command.alias = "nope";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, command::execute);

        assertEquals("no live device named nope (device:list shows every device; uPMUs: upmu:list)", e.getMessage());
        assertEquals(List.of("state(nope)"), calls);
    }

    @Test
    void givenNoManager_whenExecuted_thenNamesTheFeature() {
        IllegalStateException e = assertThrows(IllegalStateException.class, new StatusCommand()::execute);

        assertEquals(true, e.getMessage().startsWith("service not available: DeviceMonitor (qss-devicemanager)"));
    }
}
