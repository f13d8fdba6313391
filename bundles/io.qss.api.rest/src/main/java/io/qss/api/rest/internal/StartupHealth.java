// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.component.ComponentConstants;
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
 * yet, {@code /status} could say OK while, say, the binary API or the plotter has not even been started. And until
 * the container says its boot features are installed ({@link #BOOT_FINISHED}), a bundle it installed but has not
 * started yet cannot be told from one an operator stopped, so nothing is {@code UP} before that.
 */
@Component(
        service = ComponentHealth.class,
        immediate = true,
        property = {"qss.data.owner:Boolean=true", "qss.data.stage:Integer=1"}) // paused by restore with REST
public final class StartupHealth implements ComponentHealth {

    private static final String QSS_PREFIX = "io.qss.";
    private static final String UNABLE_TO_GET_SERVICE = "Unable to get service for reference";
    private static final String CAUSED_BY = "Caused by:";
    private static final String FAILED_PROVIDER = ", which failed to start";
    private static final String SERVICE_COMPONENT = "Service-Component";
    /** Registered by the container once its boot features are installed and started (no import needed). */
    static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";

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
        return health(registeredHealth());
    }

    /**
     * This component's health as part of one snapshot whose other sources are the health services named
     * {@code present}: a health service registered after the snapshot took its sources (the registry shows it a
     * moment before a tracker does) counts as not registered yet, so the snapshot never says every component is
     * active while it lacks one (a {@code /status} OK whose {@code /health} had no plotter).
     */
    ComponentHealth within(Set<String> present) {
        return new ComponentHealth() {
            @Override
            public String componentName() {
                return StartupHealth.this.componentName();
            }

            @Override
            public HealthReport health() {
                return StartupHealth.this.health(present);
            }
        };
    }

    private HealthReport health(Set<String> registered) {
        Collection<ComponentDescriptionDTO> descriptions = runtime.getComponentDescriptionDTOs();
        List<String> waiting = new ArrayList<>(bootPending(isBootFinished()));
        List<Bundle> bundles = List.of(bundleContext.getBundles());
        waiting.addAll(notActive(bundles));
        waiting.addAll(componentsNotLoaded(
                bundles, b -> !runtime.getComponentDescriptionDTOs(b).isEmpty()));
        waiting.addAll(waiting(descriptions, runtime::getComponentConfigurationDTOs));
        waiting.addAll(withoutHealth(descriptions, registered, runtime::isComponentEnabled));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("waiting", waiting.size());
        return waiting.isEmpty()
                ? new HealthReport(HealthState.UP, "every qss component is active", figures)
                : new HealthReport(HealthState.STARTING, "waiting: " + String.join("; ", waiting), figures);
    }

    /**
     * While the container installs its boot features, bundles it has installed but not started yet look like
     * bundles an operator stopped (resolved, not persistently started), and bundles it has not installed yet do not
     * show at all: nothing is counted as started before the container says its boot is done.
     */
    static List<String> bootPending(boolean isBootFinished) {
        return isBootFinished ? List.of() : List.of("container (boot features still being installed)");
    }

    private boolean isBootFinished() {
        try {
            ServiceReference<?>[] references = bundleContext.getAllServiceReferences(BOOT_FINISHED, null);
            return references != null && references.length > 0;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("no filter was given", e);
        }
    }

    /** The {@code component.name} of every registered health service. */
    private Set<String> registeredHealth() {
        Set<String> names = new HashSet<>();
        try {
            for (ServiceReference<ComponentHealth> reference :
                    bundleContext.getServiceReferences(ComponentHealth.class, null)) {
                Object name = reference.getProperty(ComponentConstants.COMPONENT_NAME);
                if (name != null) {
                    names.add(name.toString());
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("no filter was given", e);
        }
        return names;
    }

    /**
     * One line per enabled qss component that offers a health service but has none registered, e.g.
     * {@code api.grpc/GrpcComponent (health not registered yet)}. The component's own state can look settled while
     * it is being reconfigured (a configuration arriving after the first activation replaces it), so the expected
     * health services, not the states, decide.
     */
    static List<String> withoutHealth(
            Collection<ComponentDescriptionDTO> descriptions,
            Set<String> registered,
            Predicate<ComponentDescriptionDTO> isEnabled) {
        List<String> waiting = new ArrayList<>();
        for (ComponentDescriptionDTO description : descriptions) {
            if (isQss(description)
                    && !description.name.equals(StartupHealth.class.getName())
                    && List.of(description.serviceInterfaces).contains(ComponentHealth.class.getName())
                    && !registered.contains(description.name)
                    && isEnabled.test(description)) {
                waiting.add(name(description) + " (health not registered yet)");
            }
        }
        return waiting;
    }

    private static boolean isQss(ComponentDescriptionDTO description) {
        return description.bundle != null
                && description.bundle.symbolicName != null
                && description.bundle.symbolicName.startsWith(QSS_PREFIX);
    }

    /**
     * One line per qss bundle that is installed but not active, e.g. {@code api.grpc (bundle RESOLVED)}; fragments
     * never become active and are left out.
     */
    static List<String> notActive(Collection<Bundle> bundles) {
        List<String> waiting = new ArrayList<>();
        for (Bundle bundle : bundles) {
            String name = bundle.getSymbolicName();
            if (name == null
                    || !name.startsWith(QSS_PREFIX)
                    || bundle.getState() == Bundle.ACTIVE
                    || bundle.getState() == Bundle.UNINSTALLED
                    || bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null
                    || isStoppedOnPurpose(bundle)) {
                continue;
            }
            waiting.add(name.substring(QSS_PREFIX.length()) + " (bundle " + stateName(bundle.getState()) + ")");
        }
        return waiting;
    }

    /**
     * One line per active qss bundle that declares components ({@code Service-Component}) of which the component
     * runtime knows none: it has not read them yet, or reading them failed; either way that bundle's components,
     * their health included, do not exist and would otherwise not be missed.
     */
    static List<String> componentsNotLoaded(Collection<Bundle> bundles, Predicate<Bundle> hasComponents) {
        List<String> waiting = new ArrayList<>();
        for (Bundle bundle : bundles) {
            String name = bundle.getSymbolicName();
            String declared = bundle.getHeaders("").get(SERVICE_COMPONENT);
            if (name != null
                    && name.startsWith(QSS_PREFIX)
                    && bundle.getState() == Bundle.ACTIVE
                    && declared != null
                    && !declared.isBlank()
                    && !hasComponents.test(bundle)) {
                waiting.add(name.substring(QSS_PREFIX.length()) + " (components not loaded by the component runtime)");
            }
        }
        return waiting;
    }

    /**
     * A resolved bundle the operator stopped ({@code bundle:stop}, e.g. a device type taken out of service) is not
     * starting: the container would start it only if it were marked persistently started.
     */
    private static boolean isStoppedOnPurpose(Bundle bundle) {
        BundleStartLevel startLevel = bundle.adapt(BundleStartLevel.class);
        return bundle.getState() == Bundle.RESOLVED && startLevel != null && !startLevel.isPersistentlyStarted();
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
    static List<String> waiting(
            Collection<ComponentDescriptionDTO> descriptions,
            Function<ComponentDescriptionDTO, Collection<ComponentConfigurationDTO>> configurations) {
        List<String> waiting = new ArrayList<>();
        List<String> consumersOfFailed = new ArrayList<>();
        for (ComponentDescriptionDTO description : descriptions) {
            if (!isQss(description)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : configurations.apply(description)) {
                String why = why(description, configuration);
                if (why != null) {
                    (why.endsWith(FAILED_PROVIDER) ? consumersOfFailed : waiting)
                            .add(name(description) + " (" + why + ")");
                }
            }
        }
        // the component that failed first: its consumers only failed to get its service, which says nothing of why
        waiting.addAll(consumersOfFailed);
        return waiting;
    }

    private static String why(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        return switch (configuration.state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "needs its configuration";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "needs " + needed(description, configuration);
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> failedActivation(description, configuration.failure);
            // an immediate component is satisfied but not active only while it is being activated (a server binding
            // its port): its health service may not answer yet
            case ComponentConfigurationDTO.SATISFIED -> description.immediate ? "activating" : null;
            default -> null;
        };
    }

    /**
     * Why an activation failed, in one line: the component runtime gives a whole stack trace, of which the first line
     * and the innermost cause say what went wrong. A consumer that failed only because the service it needs could not
     * be created names that service (the provider's own line gives the reason).
     */
    static String failedActivation(ComponentDescriptionDTO description, String failure) {
        String[] lines = failure == null
                ? new String[] {"no reason given"}
                : failure.strip().split("\\R");
        String first = lines[0].strip();
        int at = first.indexOf(UNABLE_TO_GET_SERVICE);
        if (at >= 0) {
            String reference =
                    first.substring(at + UNABLE_TO_GET_SERVICE.length()).strip().split("[\\s:]")[0];
            return "needs " + serviceOf(description, reference) + FAILED_PROVIDER;
        }
        String cause = null;
        for (String line : lines) {
            if (line.strip().startsWith(CAUSED_BY)) {
                cause = line.strip().substring(CAUSED_BY.length()).strip();
            }
        }
        return "activation failed: " + first + (cause == null || first.contains(cause) ? "" : " [cause=" + cause + "]");
    }

    private static String serviceOf(ComponentDescriptionDTO description, String reference) {
        for (ReferenceDTO declared : description.references) {
            if (declared.name.equals(reference)) {
                return declared.interfaceName.substring(declared.interfaceName.lastIndexOf('.') + 1);
            }
        }
        return reference;
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
