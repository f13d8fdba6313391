// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Stops and starts the DS components of named bundles through {@link ServiceComponentRuntime} (disable, enable),
 * without touching the bundles: a disabled component is deactivated (the store and MongoDB close their files), the
 * components that reference its services go unsatisfied and come back by themselves once it is enabled again.
 */
final class ComponentPause {

    /**
     * Stopping order: the query APIs (they would serve data being replaced, and their health tracker must see the
     * store and MongoDB come back as at boot), ingest, then the owners of the files. Started in reverse order.
     */
    static final List<String> DATA_BUNDLES = List.of("io.qss.api.rest", "io.qss.api.grpc", "io.qss.receiver",
            "io.qss.sync", "io.qss.store", "io.qss.mongo");

    private static final long STATE_TIMEOUT_MS = 90_000;

    private final ServiceComponentRuntime scr;
    private final BundleContext context;

    ComponentPause(ServiceComponentRuntime scr, BundleContext context) {
        this.scr = scr;
        this.context = context;
    }

    /** Components disabled by {@link #stop}, in order, and those among them that were active. */
    record Paused(List<ComponentDescriptionDTO> disabled, List<ComponentDescriptionDTO> wereActive) {
    }

    /** Disables every enabled component of the bundles, in order; pass the result to {@link #start}. */
    Paused stop(List<String> bundles) throws IOException {
        List<ComponentDescriptionDTO> stopped = new ArrayList<>();
        List<ComponentDescriptionDTO> active = new ArrayList<>();
        try {
            for (String bsn : bundles) {
                for (ComponentDescriptionDTO d : descriptions(bsn)) {
                    if (scr.isComponentEnabled(d)) {
                        if (isActive(d)) {
                            active.add(d);
                        }
                        await(scr.disableComponent(d), "disabling component failed", d);
                        stopped.add(d);
                    }
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

    private List<ComponentDescriptionDTO> descriptions(String bsn) {
        List<ComponentDescriptionDTO> found = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE) {
                found.addAll(scr.getComponentDescriptionDTOs(b));
            }
        }
        return found;
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
        return scr.getComponentConfigurationDTOs(d).stream()
                .anyMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE);
    }

    private static void awaitState(ComponentDescriptionDTO d, String what, BooleanSupplier reached)
            throws IOException {
        long deadline = System.currentTimeMillis() + STATE_TIMEOUT_MS;
        while (!reached.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("component did not " + what + " [component=" + d.name + ", timeoutMs="
                        + STATE_TIMEOUT_MS + "]");
            }
            LockSupport.parkNanos(20_000_000);
        }
    }

    private static void await(org.osgi.util.promise.Promise<Void> promise, String what, ComponentDescriptionDTO d)
            throws IOException {
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
