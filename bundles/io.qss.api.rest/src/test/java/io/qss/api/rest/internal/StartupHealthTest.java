// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.dto.BundleDTO;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.component.ComponentException;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

class StartupHealthTest {

    private static final String COMPONENT_EXCEPTION = ComponentException.class.getName();

    /** Stands for a component class in a stack trace line. */
    private static final class RegistryFrame {}

    @Test
    void givenAProviderThatFailedAndItsConsumers_whenAsked_thenTheProviderComesFirstWithItsCauseInOneLine() {
        ComponentDescriptionDTO registry = description("io.qss.registry", "io.qss.registry.internal.RegistryComponent");
        ComponentDescriptionDTO sync = description("io.qss.sync", "io.qss.sync.internal.SyncComponent");
        ReferenceDTO needsRegistry = new ReferenceDTO();
        needsRegistry.name = "registry";
        needsRegistry.interfaceName = "io.qss.registry.DeviceRegistry";
        sync.references = new ReferenceDTO[] {needsRegistry};
        String providerTrace = COMPONENT_EXCEPTION + ": registry configuration refused"
                + " [follow.seconds=-1]\n\tat io.qss.registry.internal.RegistryComponent.<init>(RegistryComponent.java:40)"
                + "\nCaused by: " + IllegalArgumentException.class.getName()
                + ": follow.seconds must be 0 or more [value=-1]"
                + "\n\t... 12 more\n";
        String consumerTrace = COMPONENT_EXCEPTION + ": Unable to get service for reference"
                + " registry\n\tat ComponentConstructorImpl.newInstance"
                + "(ComponentConstructorImpl.java:300)\n";
        Map<ComponentDescriptionDTO, List<ComponentConfigurationDTO>> states =
                Map.of(sync, List.of(failed(consumerTrace)), registry, List.of(failed(providerTrace)));

        assertEquals(
                List.of(
                        "registry/RegistryComponent (activation failed: " + COMPONENT_EXCEPTION
                                + ": registry configuration refused [follow.seconds=-1] [cause="
                                + IllegalArgumentException.class.getName()
                                + ": follow.seconds must be 0 or more [value=-1]])",
                        "sync/SyncComponent (needs DeviceRegistry, which failed to start)"),
                StartupHealth.waiting(List.of(sync, registry), states::get));
    }

    @Test
    void givenBootNotFinished_whenHealthAsked_thenTheContainerIsWaitedFor() {
        assertEquals(List.of("container (boot features still being installed)"), StartupHealth.bootPending(false));
        assertEquals(List.of(), StartupHealth.bootPending(true));
    }

    @Test
    void givenQssComponentsWaitingOrFailed_whenAsked_thenEachIsNamedWithWhatItNeeds() {
        ComponentDescriptionDTO grpc = description("io.qss.api.grpc", "io.qss.api.grpc.internal.GrpcComponent");
        ReferenceDTO store = new ReferenceDTO();
        store.name = "store";
        store.interfaceName = "io.qss.store.api.TimeSeriesStore";
        grpc.references = new ReferenceDTO[] {store};
        ComponentDescriptionDTO plotter = description("io.qss.plotter", "io.qss.plotter.internal.PlotterComponent");
        ComponentDescriptionDTO shell = description("io.qss.shell", "io.qss.shell.internal.StatusCommand");
        ComponentDescriptionDTO karaf = description("org.apache.karaf.log.core", "org.apache.karaf.log.Whatever");

        Map<ComponentDescriptionDTO, List<ComponentConfigurationDTO>> states = Map.of(
                grpc, List.of(configuration(ComponentConfigurationDTO.UNSATISFIED_REFERENCE, "store")),
                plotter, List.of(failed("port in use")),
                shell, List.of(configuration(ComponentConfigurationDTO.ACTIVE)),
                karaf, List.of(configuration(ComponentConfigurationDTO.UNSATISFIED_REFERENCE, "x")));

        assertEquals(
                List.of(
                        "api.grpc/GrpcComponent (needs TimeSeriesStore)",
                        "plotter/PlotterComponent (activation failed: port in use)"),
                StartupHealth.waiting(List.of(grpc, plotter, shell, karaf), states::get));
        assertEquals(List.of(), StartupHealth.waiting(List.of(shell, karaf), states::get));
    }

    @Test
    void givenImmediateComponentStillActivating_whenAsked_thenItIsWaitingButADelayedSatisfiedOneIsNot() {
        ComponentDescriptionDTO grpc = description("io.qss.api.grpc", "io.qss.api.grpc.internal.GrpcComponent");
        grpc.immediate = true;
        ComponentDescriptionDTO csv = description("io.qss.registry", "io.qss.registry.internal.DeviceRegistryImpl");
        Map<ComponentDescriptionDTO, List<ComponentConfigurationDTO>> states = Map.of(
                grpc, List.of(configuration(ComponentConfigurationDTO.SATISFIED)),
                csv, List.of(configuration(ComponentConfigurationDTO.SATISFIED)));

        assertEquals(
                List.of("api.grpc/GrpcComponent (activating)"), StartupHealth.waiting(List.of(grpc, csv), states::get));
    }

    @Test
    void givenQssBundlesNotStartedYet_whenAsked_thenEachIsWaitingButFragmentsAndOthersAreNot() {
        List<Bundle> bundles = List.of(
                bundle("io.qss.api.rest", Bundle.ACTIVE, false),
                bundle("io.qss.api.grpc", Bundle.RESOLVED, false),
                bundle("io.qss.plotter", Bundle.INSTALLED, false),
                bundle("io.qss.store", Bundle.STARTING, false),
                bundle("io.qss.fragment", Bundle.RESOLVED, true),
                bundle("org.apache.felix.scr", Bundle.RESOLVED, false),
                stoppedByOperator("io.qss.device.upmu"));

        assertEquals(
                List.of(
                        "api.grpc (bundle RESOLVED, not started)",
                        "plotter (bundle INSTALLED, not resolved)",
                        "store (bundle STARTING)"),
                StartupHealth.notActive(bundles));
    }

    @Test
    void givenAHealthComponentWithoutItsHealthRegistered_whenAsked_thenItIsWaitingUnlessDisabled() {
        ComponentDescriptionDTO grpc = description("io.qss.api.grpc", "io.qss.api.grpc.internal.GrpcComponent");
        grpc.serviceInterfaces = new String[] {"io.qss.core.health.ComponentHealth"};
        ComponentDescriptionDTO store = description("io.qss.store", "io.qss.store.internal.osgi.StoreComponent");
        store.serviceInterfaces =
                new String[] {"io.qss.store.api.TimeSeriesStore", "io.qss.core.health.ComponentHealth"};
        ComponentDescriptionDTO csv = description("io.qss.registry", "io.qss.registry.internal.DeviceRegistryImpl");
        csv.serviceInterfaces = new String[] {"io.qss.registry.DeviceRegistry"};
        ComponentDescriptionDTO ups = description("io.qss.ups", "io.qss.ups.internal.UpsComponent");
        ups.serviceInterfaces = new String[] {"io.qss.core.health.ComponentHealth"};
        List<ComponentDescriptionDTO> all = List.of(grpc, store, csv, ups);

        assertEquals(
                List.of("api.grpc/GrpcComponent (health not registered yet)"),
                StartupHealth.withoutHealth(all, Set.of("io.qss.store.internal.osgi.StoreComponent"), d -> d != ups));
        assertEquals(
                List.of(),
                StartupHealth.withoutHealth(
                        all,
                        Set.of("io.qss.store.internal.osgi.StoreComponent", "io.qss.api.grpc.internal.GrpcComponent"),
                        d -> d != ups));
    }

    @Test
    void givenActiveBundleWhoseComponentsTheRuntimeDoesNotKnow_whenHealthAsked_thenItIsWaitedFor() {
        Bundle plotter = bundle("io.qss.plotter", Bundle.ACTIVE, false, "OSGI-INF/a.xml");
        Bundle store = bundle("io.qss.store", Bundle.ACTIVE, false, "OSGI-INF/b.xml");
        Bundle noComponents = bundle("io.qss.core", Bundle.ACTIVE, false);
        List<Bundle> all = List.of(plotter, store, noComponents);

        assertEquals(
                List.of("plotter (components not loaded by the component runtime)"),
                StartupHealth.componentsNotLoaded(all, b -> b == store));
        assertEquals(List.of(), StartupHealth.componentsNotLoaded(all, b -> b != noComponents));
    }

    /** A bundle that answers only what {@link StartupHealth} asks: symbolic name, state and headers. */
    private static Bundle bundle(String name, int state, boolean isFragment, String... components) {
        Dictionary<String, String> headers = new Hashtable<>();
        if (isFragment) {
            headers.put(Constants.FRAGMENT_HOST, "io.qss.api.rest");
        }
        if (components.length > 0) {
            headers.put("Service-Component", String.join(",", components));
        }
        return (Bundle) Proxy.newProxyInstance(
                Bundle.class.getClassLoader(),
                new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> name;
                    case "getState" -> state;
                    case "getHeaders" -> headers;
                    case "adapt" -> startLevel(true);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A resolved bundle that {@code bundle:stop} left not persistently started. */
    private static Bundle stoppedByOperator(String name) {
        return (Bundle) Proxy.newProxyInstance(
                Bundle.class.getClassLoader(),
                new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> name;
                    case "getState" -> Bundle.RESOLVED;
                    case "getHeaders" -> new Hashtable<String, String>();
                    case "adapt" -> startLevel(false);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static BundleStartLevel startLevel(boolean isPersistentlyStarted) {
        return (BundleStartLevel) Proxy.newProxyInstance(
                BundleStartLevel.class.getClassLoader(),
                new Class<?>[] {BundleStartLevel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isPersistentlyStarted" -> isPersistentlyStarted;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ComponentDescriptionDTO description(String bundle, String name) {
        ComponentDescriptionDTO description = new ComponentDescriptionDTO();
        description.bundle = new BundleDTO();
        description.bundle.symbolicName = bundle;
        description.name = name;
        description.references = new ReferenceDTO[0];
        description.serviceInterfaces = new String[0];
        return description;
    }

    private static ComponentConfigurationDTO configuration(int state, String... unsatisfied) {
        ComponentConfigurationDTO configuration = new ComponentConfigurationDTO();
        configuration.state = state;
        configuration.unsatisfiedReferences = new UnsatisfiedReferenceDTO[unsatisfied.length];
        for (int i = 0; i < unsatisfied.length; i++) {
            configuration.unsatisfiedReferences[i] = new UnsatisfiedReferenceDTO();
            configuration.unsatisfiedReferences[i].name = unsatisfied[i];
        }
        return configuration;
    }

    private static ComponentConfigurationDTO failed(String failure) {
        ComponentConfigurationDTO configuration = configuration(ComponentConfigurationDTO.FAILED_ACTIVATION);
        configuration.failure = failure;
        return configuration;
    }
}
