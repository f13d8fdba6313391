// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DiskGuardViewTest {

    @Test
    void givenReceiverWhoseGuardRefuses_whenAsked_thenNotAccepting() {
        assertFalse(new DiskGuardView(() -> List.of(
                        health("mongo", () -> Map.of(DiskGuardView.FIGURE, true)),
                        health("receiver", () -> Map.of("port", 1883, DiskGuardView.FIGURE, false))))
                .getAsBoolean());
    }

    @Test
    void givenReceiverWhoseGuardAccepts_whenAsked_thenAccepting() {
        assertTrue(new DiskGuardView(() -> List.of(health("receiver", () -> Map.of(DiskGuardView.FIGURE, true))))
                .getAsBoolean());
    }

    @Test
    void givenNoReceiverOrNoFigureOrAFailingReport_whenAsked_thenAccepting() {
        assertTrue(new DiskGuardView(List::of).getAsBoolean());
        assertTrue(
                new DiskGuardView(() -> List.of(health("mongo", () -> Map.of(DiskGuardView.FIGURE, false))))
                        .getAsBoolean(),
                "only the receiver's figure counts");
        assertTrue(new DiskGuardView(() -> List.of(health("receiver", Map::of))).getAsBoolean());
        assertTrue(new DiskGuardView(() -> List.of(health("receiver", () -> {
                    throw new IllegalStateException("closing");
                })))
                .getAsBoolean());
    }

    private static ComponentHealth health(String name, Supplier<Map<String, Object>> figures) {
        return new ComponentHealth() {
            @Override
            public String componentName() {
                return name;
            }

            @Override
            public HealthReport health() {
                return new HealthReport(HealthState.UP, "", figures.get());
            }
        };
    }
}
