// SPDX-License-Identifier: Apache-2.0
package io.qss.core.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of one component's health. Immutable.
 *
 * @param state the component's state; never null
 * @param detail one human-readable line (e.g. {@code "listening on 127.0.0.1:27018"}); never null, may be empty
 * @param figures counters and settings worth showing (ports, files received, bytes used), in insertion order;
 *     values are strings, numbers or booleans; never null
 */
public record HealthReport(HealthState state, String detail, Map<String, Object> figures) {

    public HealthReport {
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /** A report with the given state and detail and no figures. */
    public static HealthReport of(HealthState state, String detail) {
        return new HealthReport(state, detail, Map.of());
    }
}
