// SPDX-License-Identifier: Apache-2.0
package io.qss.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.core.health.SystemHealth;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemHealthTest {

    @Test
    void givenComponents_whenCollected_thenOverallIsTheWorstAndNamesAreSorted() {
        SystemHealth health = SystemHealth.of(
                List.of(component("store", HealthState.UP), component("receiver", HealthState.DEGRADED)));
        assertEquals(HealthState.DEGRADED, health.overall());
        assertEquals(
                List.of("receiver", "store"), List.copyOf(health.components().keySet()));
        assertTrue(health.isServing());
    }

    @Test
    void givenFailingHealthCheck_whenCollected_thenThatComponentIsDown() {
        ComponentHealth broken = new ComponentHealth() {
            @Override
            public String componentName() {
                return "broken";
            }

            @Override
            public HealthReport health() {
                throw new IllegalStateException("boom");
            }
        };
        SystemHealth health = SystemHealth.of(List.of(broken, component("mongo", HealthState.STARTING)));
        assertEquals(HealthState.DOWN, health.overall());
        assertFalse(health.isServing());
        assertTrue(health.components().get("broken").detail().contains("boom"));
    }

    @Test
    void givenNoComponent_whenCollected_thenUp() {
        assertEquals(HealthState.UP, SystemHealth.of(List.of()).overall());
    }

    private static ComponentHealth component(String name, HealthState state) {
        return new ComponentHealth() {
            @Override
            public String componentName() {
                return name;
            }

            @Override
            public HealthReport health() {
                return HealthReport.of(state, "");
            }
        };
    }
}
