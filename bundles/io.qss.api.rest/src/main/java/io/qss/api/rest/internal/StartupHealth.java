// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Component "startup": {@code STARTING} while a qss bundle is installed but not active yet, or a component of a qss
 * bundle still waits for a service or a configuration, is still activating, or failed to activate; {@code UP} once
 * every one is active.
 *
 * <p>The expected components are those of every installed qss bundle, not only those that have registered their
 * health so far: the container starts bundles one after another, and a component reports its own health only once
 * its bundle is active and it has been activated. Without counting the bundles that are installed but not started
 * yet, {@code /status} could say OK while, say, the binary API or the plotter has not even been started.
 */
@Component(service = ComponentHealth.class, immediate = true)
public final class StartupHealth implements ComponentHealth {

    private static final String QSS_PREFIX = "io.qss.";

    private final BundleContext bundleContext;
    private final ServiceComponentRuntime runtime;

    @Activate
    public StartupHealth(BundleContext bundleContext, @Reference ServiceComponentRuntime runtime) {
        this.bundleContext = bundleContext;
        this.runtime = runtime;
    }

    @Override
    public String componentName() {
        return "startup";
    }

    @Override
    public HealthReport health() {
        List<String> waiting = new ArrayList<>(notActive(List.of(bundleContext.getBundles())));
        waiting.addAll(waiting(runtime.getComponentDescriptionDTOs(), runtime::getComponentConfigurationDTOs));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("waiting", waiting.size());
        return waiting.isEmpty()
                ? new HealthReport(HealthState.UP, "every qss component is active", figures)
                : new HealthReport(HealthState.STARTING, "waiting: " + String.join("; ", waiting), figures);
    }

    /**
     * One line per qss bundle that is installed but not active, e.g. {@code api.grpc (bundle RESOLVED)}; fragments
     * never become active and are left out.
     */
    static List<String> notActive(Collection<Bundle> bundles) {
        List<String> waiting = new ArrayList<>();
        for (Bundle bundle : bundles) {
            String name = bundle.getSymbolicName();
            if (name == null || !name.startsWith(QSS_PREFIX) || bundle.getState() == Bundle.ACTIVE
                    || bundle.getState() == Bundle.UNINSTALLED
                    || bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            waiting.add(name.substring(QSS_PREFIX.length()) + " (bundle " + stateName(bundle.getState()) + ")");
        }
        return waiting;
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED, not resolved";
            case Bundle.RESOLVED -> "RESOLVED, not started";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "state " + state;
        };
    }

    /** One line per qss component that is not active yet, e.g. {@code api.grpc/GrpcComponent (needs TimeSeriesStore)}. */
    static List<String> waiting(Collection<ComponentDescriptionDTO> descriptions,
            Function<ComponentDescriptionDTO, Collection<ComponentConfigurationDTO>> configurations) {
        List<String> waiting = new ArrayList<>();
        for (ComponentDescriptionDTO description : descriptions) {
            if (description.bundle == null || description.bundle.symbolicName == null
                    || !description.bundle.symbolicName.startsWith(QSS_PREFIX)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : configurations.apply(description)) {
                String why = why(description, configuration);
                if (why != null) {
                    waiting.add(name(description) + " (" + why + ")");
                }
            }
        }
        return waiting;
    }

    private static String why(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        return switch (configuration.state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "needs its configuration";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "needs " + needed(description, configuration);
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "activation failed: " + configuration.failure;
            // an immediate component is satisfied but not active only while it is being activated (a server binding
            // its port): its health service may not answer yet
            case ComponentConfigurationDTO.SATISFIED -> description.immediate ? "activating" : null;
            default -> null;
        };
    }

    private static String needed(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        List<String> services = new ArrayList<>();
        for (UnsatisfiedReferenceDTO unsatisfied : configuration.unsatisfiedReferences) {
            String service = unsatisfied.name;
            for (ReferenceDTO reference : description.references) {
                if (reference.name.equals(unsatisfied.name)) {
                    service = reference.interfaceName.substring(reference.interfaceName.lastIndexOf('.') + 1);
                }
            }
            services.add(service);
        }
        return String.join(", ", services);
    }

    private static String name(ComponentDescriptionDTO description) {
        String bundle = description.bundle.symbolicName.substring(QSS_PREFIX.length());
        return bundle + "/" + description.name.substring(description.name.lastIndexOf('.') + 1);
    }
}
