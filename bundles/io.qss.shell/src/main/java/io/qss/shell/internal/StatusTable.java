// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal;

import io.qss.core.health.HealthReport;
import io.qss.core.health.SystemHealth;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a {@link SystemHealth} as the text table of {@code qss:status}. */
final class StatusTable {

    private static final String FORMAT = "%-10s %-9s %s%n";

    private StatusTable() {}

    static String render(SystemHealth health) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(FORMAT, "COMPONENT", "STATE", "DETAIL"));
        for (Map.Entry<String, HealthReport> component : health.components().entrySet()) {
            HealthReport report = component.getValue();
            out.append(String.format(FORMAT, component.getKey(), report.state(), describe(report)));
        }
        out.append("qss is ").append(health.overall()).append(System.lineSeparator());
        return out.toString();
    }

    private static String describe(HealthReport report) {
        String figures = report.figures().entrySet().stream()
                .map(figure -> figure.getKey() + "=" + figure.getValue())
                .collect(Collectors.joining(", "));
        if (figures.isEmpty()) {
            return report.detail();
        }
        return report.detail().isEmpty() ? "[" + figures + "]" : report.detail() + " [" + figures + "]";
    }
}
