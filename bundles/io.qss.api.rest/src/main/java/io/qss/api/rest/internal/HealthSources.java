// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.core.health.ComponentHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentConstants;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * The health services of the other qss components, tracked by reference and obtained when a snapshot asks for them.
 *
 * <p>Why not a plain tracker: the container may refuse a service whose component it is activating or deactivating
 * at that moment ("Could not obtain lock", as when a restore or an update restarts components under load), and a
 * plain tracker then drops that service for good, so every later snapshot lacks the component and startup waits
 * for it for ever. Here a service that could not be obtained is asked for again at the next snapshot.
 *
 * <p>Thread-safe: snapshots run on request threads while the container adds and removes services.
 */
final class HealthSources {

    private final ServiceTracker<ComponentHealth, Source> tracker;

    HealthSources(BundleContext context, Filter filter) {
        this.tracker = new ServiceTracker<>(context, filter, new Customizer(context));
    }

    void open() {
        tracker.open();
    }

    void close() {
        tracker.close();
    }

    /** A health service the container handed out, with its {@code component.name} (null if not a component). */
    record Obtained(String componentName, ComponentHealth health) {}

    /** The tracked health services the container hands out now; never null. */
    List<Obtained> obtainable() {
        List<Obtained> obtained = new ArrayList<>();
        for (Source source : tracker.getTracked().values()) {
            ComponentHealth health = source.obtain();
            if (health != null) {
                obtained.add(new Obtained(source.componentName(), health));
            }
        }
        return obtained;
    }

    /** One tracked health service: obtained on first use, asked for again while the container refuses it. */
    static final class Source {
        private final String componentName;
        private final Function<ServiceReference<ComponentHealth>, ComponentHealth> get;
        private final Consumer<ServiceReference<ComponentHealth>> unget;
        private final ServiceReference<ComponentHealth> reference;
        private ComponentHealth service; // guarded by this

        Source(
                ServiceReference<ComponentHealth> reference,
                Function<ServiceReference<ComponentHealth>, ComponentHealth> get,
                Consumer<ServiceReference<ComponentHealth>> unget) {
            Object name = reference.getProperty(ComponentConstants.COMPONENT_NAME);
            this.componentName = name == null ? null : name.toString();
            this.reference = reference;
            this.get = get;
            this.unget = unget;
        }

        /** The component's {@code component.name}, or null for a health service that is not a component. */
        String componentName() {
            return componentName;
        }

        /** The service, or null while the container refuses it. */
        synchronized ComponentHealth obtain() {
            if (service == null) {
                service = get.apply(reference);
            }
            return service;
        }

        /** Gives the service back if it was obtained; the next {@link #obtain} asks for it again. */
        synchronized void release() {
            if (service != null) {
                service = null;
                unget.accept(reference);
            }
        }
    }

    private record Customizer(BundleContext context) implements ServiceTrackerCustomizer<ComponentHealth, Source> {
        @Override
        public Source addingService(ServiceReference<ComponentHealth> reference) {
            return new Source(reference, context::getService, context::ungetService);
        }

        @Override
        public void modifiedService(ServiceReference<ComponentHealth> reference, Source source) {
            // properties are read when a snapshot is taken
        }

        @Override
        public void removedService(ServiceReference<ComponentHealth> reference, Source source) {
            source.release();
        }
    }
}
