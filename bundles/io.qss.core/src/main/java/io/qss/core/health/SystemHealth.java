// SPDX-License-Identifier: Apache-2.0
package io.qss.core.health;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health of every registered component at one moment, and the overall state (the worst of them). Immutable.
 *
 * @param overall {@link HealthState#UP} when there is no component, else the worst component state; never null
 * @param components reports by component name, sorted by name; never null
 */
public record SystemHealth(HealthState overall, Map<String, HealthReport> components) {

    public SystemHealth {
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    /** Asks each component for its report; a component that fails to answer is reported {@code DOWN}. */
    public static SystemHealth of(Collection<? extends ComponentHealth> sources) {
        Map<String, HealthReport> reports = new LinkedHashMap<>();
        sources.stream()
                .sorted(Comparator.comparing(ComponentHealth::componentName))
                .forEach(source -> reports.put(source.componentName(), reportOf(source)));
        HealthState overall = reports.values().stream()
                .map(HealthReport::state)
                .max(Comparator.naturalOrder())
                .orElse(HealthState.UP);
        return new SystemHealth(overall, reports);
    }

    /** True when every component is up, or up with a limitation ({@link HealthState#DEGRADED}). */
    public boolean isServing() {
        return overall.isServing();
    }

    private static HealthReport reportOf(ComponentHealth source) {
        try {
            return source.health();
        } catch (RuntimeException e) {
            return HealthReport.of(HealthState.DOWN, "health check failed: " + e);
        }
    }
}
