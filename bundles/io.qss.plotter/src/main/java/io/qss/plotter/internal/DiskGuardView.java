// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import java.util.Collection;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether qss accepts new data, as the receiver's health tells it (figure {@value #FIGURE} of component
 * {@value #RECEIVER}): the plotter learns the disk guard's state from health, like every other reader, instead of
 * depending on the receiver's API. Without a receiver, or a report without the figure, data is taken as accepted:
 * the notice is for a guard that refuses, not for a receiver that is not there. Thread-safe.
 */
final class DiskGuardView implements BooleanSupplier {

    static final String RECEIVER = "receiver";
    static final String FIGURE = "acceptingData";

    private final Supplier<? extends Collection<? extends ComponentHealth>> components;

    DiskGuardView(Supplier<? extends Collection<? extends ComponentHealth>> components) {
        this.components = components;
    }

    @Override
    public boolean getAsBoolean() {
        for (ComponentHealth component : components.get()) {
            if (RECEIVER.equals(component.componentName())) {
                return isAccepting(component);
            }
        }
        return true;
    }

    private static boolean isAccepting(ComponentHealth receiver) {
        try {
            HealthReport report = receiver.health();
            return !Boolean.FALSE.equals(report.figures().get(FIGURE));
        } catch (RuntimeException e) {
            return true; // a receiver that cannot report says nothing about the disk guard
        }
    }
}
