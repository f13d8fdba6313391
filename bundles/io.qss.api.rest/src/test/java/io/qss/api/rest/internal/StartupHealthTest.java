// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.dto.BundleDTO;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

class StartupHealthTest {

    @Test
    void givenQssComponentsWaitingOrFailed_whenAsked_thenEachIsNamedWithWhatItNeeds() {
        ComponentDescriptionDTO grpc = description("io.qss.api.grpc", "io.qss.api.grpc.internal.GrpcComponent");
        ReferenceDTO store = new ReferenceDTO();
        store.name = "store";
        store.interfaceName = "io.qss.store.TimeSeriesStore";
        grpc.references = new ReferenceDTO[] {store};
        ComponentDescriptionDTO plotter = description("io.qss.plotter", "io.qss.plotter.internal.PlotterComponent");
        ComponentDescriptionDTO shell = description("io.qss.shell", "io.qss.shell.internal.StatusCommand");
        ComponentDescriptionDTO karaf = description("org.apache.karaf.log.core", "org.apache.karaf.log.Whatever");

        Map<ComponentDescriptionDTO, List<ComponentConfigurationDTO>> states = Map.of(
                grpc, List.of(configuration(ComponentConfigurationDTO.UNSATISFIED_REFERENCE, "store")),
                plotter, List.of(failed("port in use")),
                shell, List.of(configuration(ComponentConfigurationDTO.ACTIVE)),
                karaf, List.of(configuration(ComponentConfigurationDTO.UNSATISFIED_REFERENCE, "x")));

        assertEquals(List.of("api.grpc/GrpcComponent (needs TimeSeriesStore)",
                "plotter/PlotterComponent (activation failed: port in use)"),
                StartupHealth.waiting(List.of(grpc, plotter, shell, karaf), states::get));
        assertEquals(List.of(), StartupHealth.waiting(List.of(shell, karaf), states::get));
    }

    private static ComponentDescriptionDTO description(String bundle, String name) {
        ComponentDescriptionDTO description = new ComponentDescriptionDTO();
        description.bundle = new BundleDTO();
        description.bundle.symbolicName = bundle;
        description.name = name;
        description.references = new ReferenceDTO[0];
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
