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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Component "startup": {@code STARTING} while a component of a qss bundle still waits for a service or a
 * configuration (or failed to activate), {@code UP} once every one is active. Components report their own health only
 * once they run, so without this {@code /status} could say OK while, say, the binary API still waits for the store.
 */
@Component(service = ComponentHealth.class, immediate = true)
public final class StartupHealth implements ComponentHealth {

    private final ServiceComponentRuntime runtime;

    @Activate
    public StartupHealth(@Reference ServiceComponentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public String componentName() {
        return "startup";
    }

    @Override
    public HealthReport health() {
        List<String> waiting = waiting(runtime.getComponentDescriptionDTOs(), runtime::getComponentConfigurationDTOs);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("waiting", waiting.size());
        return waiting.isEmpty()
                ? new HealthReport(HealthState.UP, "every qss component is active", figures)
                : new HealthReport(HealthState.STARTING, "waiting: " + String.join("; ", waiting), figures);
    }

    /** One line per qss component that is not active yet, e.g. {@code api.grpc/GrpcComponent (needs TimeSeriesStore)}. */
    static List<String> waiting(Collection<ComponentDescriptionDTO> descriptions,
            Function<ComponentDescriptionDTO, Collection<ComponentConfigurationDTO>> configurations) {
        List<String> waiting = new ArrayList<>();
        for (ComponentDescriptionDTO description : descriptions) {
            if (description.bundle == null || description.bundle.symbolicName == null
                    || !description.bundle.symbolicName.startsWith("io.qss.")) {
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
        String bundle = description.bundle.symbolicName.substring("io.qss.".length());
        return bundle + "/" + description.name.substring(description.name.lastIndexOf('.') + 1);
    }
}
