// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.device.DeviceStatus;
import io.qss.devicemanager.LiveDeviceState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The device manager's health from its devices' states: {@code DEGRADED} naming the devices in {@code ERROR} or
 * {@code PAUSED} (the first few, with their reason), else {@code UP}; figures count the devices by status. Stateless.
 */
final class ManagerHealth {

    private static final int PROBLEMS_SHOWN = 3;

    private ManagerHealth() {}

    static HealthReport report(List<LiveDeviceState> states, long pointsInserted, long flushCycleMillis) {
        Map<DeviceStatus, Integer> counts = new EnumMap<>(DeviceStatus.class);
        double framesPerSecond = 0;
        List<String> problems = new ArrayList<>();
        for (LiveDeviceState state : states) {
            counts.merge(state.status(), 1, Integer::sum);
            framesPerSecond += state.framesPerSecond();
            if (state.status() == DeviceStatus.ERROR || state.status() == DeviceStatus.PAUSED) {
                problems.add(
                        state.alias() + " " + state.status().name().toLowerCase(Locale.ROOT) + ": " + state.detail());
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("devices", states.size());
        for (DeviceStatus status : DeviceStatus.values()) {
            figures.put(status.name().toLowerCase(Locale.ROOT), counts.getOrDefault(status, 0));
        }
        figures.put("framesPerSecond", Math.round(framesPerSecond * 10) / 10.0);
        figures.put("pointsInserted", pointsInserted);
        figures.put("flushCycleMillis", flushCycleMillis);
        if (problems.isEmpty()) {
            return new HealthReport(
                    HealthState.UP,
                    states.isEmpty()
                            ? "no live devices"
                            : "live devices ["
                                    + "devices=" + states.size() + ", receiving="
                                    + counts.getOrDefault(DeviceStatus.RECEIVING, 0)
                                    + "]",
                    figures);
        }
        List<String> shown = new ArrayList<>(problems.subList(0, Math.min(PROBLEMS_SHOWN, problems.size())));
        if (problems.size() > PROBLEMS_SHOWN) {
            shown.add((problems.size() - PROBLEMS_SHOWN) + " more (see device:status)");
        }
        return new HealthReport(HealthState.DEGRADED, String.join("; ", shown), figures);
    }
}
