// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.promise.Promise;

/**
 * Stops and starts DS components through {@link ServiceComponentRuntime} (disable, enable), without touching the
 * bundles: a disabled component is deactivated (the store and MongoDB close their files), the components that
 * reference its services go unsatisfied and come back by themselves once it is enabled again.
 *
 * <p>Which components hold or serve the data is told by the components themselves, in their component properties, so
 * ops names no bundle: {@value #OWNER}{@code =true} marks a data owner; {@value #STAGE} (1 serves queries, 2 ingests,
 * 3 owns the files) orders the stop: the query APIs first (they would serve data being replaced, and their health
 * tracker must see the store and MongoDB come back as at boot), then ingest, then the owners of the files; started in
 * reverse order. {@value #AREA} names the data directory area whose files the component keeps open
 * ({@code store}, {@code raw}, {@code mongo}).
 */
final class ComponentPause {

    static final String OWNER = "qss.data.owner";
    static final String STAGE = "qss.data.stage";
    static final String AREA = "qss.data.area";
    /** Where a data owner without a stage stops: last, with the owners of the files. */
    private static final int LAST_STAGE = 3;

    private static final long STATE_TIMEOUT_MS = 90_000;

    private final ServiceComponentRuntime scr;

    ComponentPause(ServiceComponentRuntime scr) {
        this.scr = scr;
    }

    /** Components disabled by {@link #stop}, in order, and those among them that were active. */
    record Paused(List<ComponentDescriptionDTO> disabled, List<ComponentDescriptionDTO> wereActive) {}

    /** Every data owner of the running qss, in stop order; see the class comment. */
    List<ComponentDescriptionDTO> dataOwners() {
        return stopOrder(scr.getComponentDescriptionDTOs());
    }

    /** The data owners that keep the files of {@code area} (e.g. {@code mongo}) open, in stop order. */
    List<ComponentDescriptionDTO> ownersOf(String area) {
        return dataOwners().stream()
                .filter(d -> area.equals(String.valueOf(d.properties.get(AREA))))
                .toList();
    }

    /** The data owners among {@code components}, by stage, then bundle and name (so the order is the same each time). */
    static List<ComponentDescriptionDTO> stopOrder(Collection<ComponentDescriptionDTO> components) {
        return components.stream()
                .filter(ComponentPause::isDataOwner)
                .sorted(Comparator.comparingInt(ComponentPause::stage)
                        .thenComparing(d -> d.bundle == null ? "" : String.valueOf(d.bundle.symbolicName))
                        .thenComparing(d -> d.name))
                .toList();
    }

    private static boolean isDataOwner(ComponentDescriptionDTO d) {
        return d.properties != null
                && "true".equals(String.valueOf(d.properties.get(OWNER)).trim());
    }

    private static int stage(ComponentDescriptionDTO d) {
        Object stage = d.properties.get(STAGE);
        if (stage instanceof Number n) {
            return n.intValue();
        }
        try {
            return stage == null
                    ? LAST_STAGE
                    : Integer.parseInt(stage.toString().trim());
        } catch (NumberFormatException e) {
            return LAST_STAGE;
        }
    }

    /** Disables each of {@code components} that is enabled, in order; pass the result to {@link #start}. */
    Paused stop(List<ComponentDescriptionDTO> components) throws IOException {
        List<ComponentDescriptionDTO> stopped = new ArrayList<>();
        List<ComponentDescriptionDTO> active = new ArrayList<>();
        try {
            for (ComponentDescriptionDTO d : components) {
                if (scr.isComponentEnabled(d)) {
                    if (isActive(d)) {
                        active.add(d);
                    }
                    await(scr.disableComponent(d), "disabling component failed", d);
                    stopped.add(d);
                }
            }
            for (ComponentDescriptionDTO d : stopped) {
                awaitState(d, "stop", () -> scr.getComponentConfigurationDTOs(d).isEmpty());
            }
        } catch (IOException | RuntimeException e) {
            start(new Paused(stopped, List.of()));
            throw e;
        }
        return new Paused(stopped, active);
    }

    /** Enables the components again, in reverse order, and waits until those that were active are active again. */
    void start(Paused paused) throws IOException {
        List<ComponentDescriptionDTO> stopped = paused.disabled();
        for (int i = stopped.size() - 1; i >= 0; i--) {
            await(scr.enableComponent(stopped.get(i)), "enabling component failed", stopped.get(i));
        }
        for (ComponentDescriptionDTO d : paused.wereActive()) {
            awaitState(d, "start", () -> isActive(d));
        }
    }

    private boolean isActive(ComponentDescriptionDTO d) {
        return scr.getComponentConfigurationDTOs(d).stream().anyMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE);
    }

    private static void awaitState(ComponentDescriptionDTO d, String what, BooleanSupplier reached) throws IOException {
        long deadline = System.currentTimeMillis() + STATE_TIMEOUT_MS;
        while (!reached.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("component did not " + what + " [component=" + d.name + ", timeoutMs="
                        + STATE_TIMEOUT_MS + "]");
            }
            LockSupport.parkNanos(20_000_000);
        }
    }

    private static void await(Promise<Void> promise, String what, ComponentDescriptionDTO d) throws IOException {
        try {
            promise.getValue();
        } catch (InvocationTargetException e) {
            throw new IOException(what + " [component=" + d.name + "]", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " [component=" + d.name + ", reason=interrupted]", e);
        }
    }
}
