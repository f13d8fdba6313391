// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.device.DeviceStatus;
import io.qss.devicemanager.LiveDeviceState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagerHealthTest {

    @Test
    void givenNoDevices_thenUp() {
        HealthReport report = ManagerHealth.report(List.of(), 0, 0);

        assertEquals(HealthState.UP, report.state());
        assertEquals("no live devices", report.detail());
    }

    @Test
    void givenAllReceiving_thenUpWithCounts() {
        HealthReport report = ManagerHealth.report(
                List.of(state("a", DeviceStatus.RECEIVING, ""), state("b", DeviceStatus.CONNECTED, "")), 1234, 40);

        assertEquals(HealthState.UP, report.state());
        assertEquals("live devices [devices=2, receiving=1]", report.detail());
        assertEquals(
                "{devices=2, offline=0, connected=1, receiving=1, error=0, paused=0, framesPerSecond=120.0, "
                        + "pointsInserted=1234, flushCycleMillis=40}",
                report.figures().toString());
    }

    @Test
    void givenErrorsAndPaused_thenDegradedNamingTheFirstThree() {
        List<LiveDeviceState> states = new ArrayList<>();
        states.add(state("a", DeviceStatus.ERROR, "connect failed [cause=Connection refused]"));
        states.add(state("b", DeviceStatus.PAUSED, "device type c37118 not installed"));
        states.add(state("c", DeviceStatus.RECEIVING, ""));
        states.add(state("d", DeviceStatus.ERROR, "x"));
        states.add(state("e", DeviceStatus.ERROR, "y"));

        HealthReport report = ManagerHealth.report(states, 0, 0);

        assertEquals(HealthState.DEGRADED, report.state());
        assertEquals(
                "a error: connect failed [cause=Connection refused]; b paused: device type c37118 not "
                        + "installed; d error: x; 1 more (see device:status)",
                report.detail());
        assertEquals(3, report.figures().get("error"));
    }

    private static LiveDeviceState state(String alias, DeviceStatus status, String detail) {
        return new LiveDeviceState("c37118", alias, status, detail, 60, 0, 0, 0, null);
    }
}
