// SPDX-License-Identifier: Apache-2.0
package io.qss.ups.internal;

import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns one poll of apcupsd into the health of component {@code ups}: {@code ONLINE} is up; on battery, a low
 * battery, lost contact with the UPS, a battery to replace, or apcupsd not answering are degraded (qss still serves,
 * but an operator should look).
 */
final class UpsHealth {

    private UpsHealth() {}

    static HealthReport of(ApcStatus status, String source) {
        Map<String, Object> figures = figures(status, source);
        Set<String> flags = status.flags();
        String line = flags.isEmpty() ? "none" : String.join(" ", flags);
        if (flags.contains("COMMLOST")) {
            return degraded(
                    "apcupsd lost contact with the UPS [status="
                            + status.values().get("STATUS") + "]",
                    figures);
        }
        if (flags.contains("LOWBATT")) {
            return degraded(
                    "UPS battery low, shutdown imminent [status=" + line + ", " + runtime(status) + "]", figures);
        }
        if (flags.contains("ONBATT")) {
            return degraded("UPS on battery [" + runtime(status) + "]", figures);
        }
        if (flags.contains("REPLACEBATT")) {
            return degraded(
                    "UPS battery needs replacing [status=" + status.values().get("STATUS") + "]", figures);
        }
        if (flags.contains("ONLINE")) {
            return new HealthReport(HealthState.UP, "online [model=" + status.model() + "]", figures);
        }
        return degraded("UPS not online [status=" + status.values().getOrDefault("STATUS", "") + "]", figures);
    }

    static HealthReport unreachable(String source, String cause) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("source", source);
        return degraded(
                "apcupsd not reachable, UPS state unknown [source=" + source + ", cause=" + cause + "]", figures);
    }

    private static HealthReport degraded(String detail, Map<String, Object> figures) {
        return new HealthReport(HealthState.DEGRADED, detail, figures);
    }

    private static String runtime(ApcStatus status) {
        return "charge=" + status.batteryChargePercent().map(c -> c + "%").orElse("unknown") + ", timeLeft="
                + status.timeLeftMinutes().map(m -> m + " min").orElse("unknown");
    }

    private static Map<String, Object> figures(ApcStatus status, String source) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("model", status.model());
        figures.put("status", status.values().getOrDefault("STATUS", ""));
        status.batteryChargePercent().ifPresent(v -> figures.put("batteryChargePercent", v));
        status.timeLeftMinutes().ifPresent(v -> figures.put("timeLeftMinutes", v));
        status.loadPercent().ifPresent(v -> figures.put("loadPercent", v));
        status.lineVoltage().ifPresent(v -> figures.put("lineVoltage", v));
        figures.put("source", source);
        return figures;
    }
}
