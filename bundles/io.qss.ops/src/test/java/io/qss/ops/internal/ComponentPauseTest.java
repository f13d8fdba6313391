// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.dto.BundleDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

class ComponentPauseTest {

    @Test
    void givenComponentsOfManyBundles_whenOrdered_thenOnlyDataOwnersQueryApisFirstIngestThenFiles() {
        List<ComponentDescriptionDTO> all = List.of(
                component("io.qss.store", "Store", Map.of("qss.data.owner", true, "qss.data.stage", 3)),
                component("io.qss.plotter", "Plotter", Map.of()),
                component("io.qss.receiver", "Receiver", Map.of("qss.data.owner", true, "qss.data.stage", 2)),
                component("io.qss.api.rest", "Rest", Map.of("qss.data.owner", true, "qss.data.stage", 1)),
                component("io.qss.auth", "Auth", Map.of("qss.data.owner", false, "qss.data.stage", 1)),
                component("io.qss.mongo", "Mongo", Map.of("qss.data.owner", "true", "qss.data.stage", "3")),
                component("io.qss.sync", "Sync", Map.of("qss.data.owner", true, "qss.data.stage", 2)),
                component("io.qss.api.grpc", "Grpc", Map.of("qss.data.owner", true, "qss.data.stage", 1)),
                component("io.qss.extra", "NoStage", Map.of("qss.data.owner", true)));

        assertEquals(
                List.of("Grpc", "Rest", "Receiver", "Sync", "NoStage", "Mongo", "Store"),
                ComponentPause.stopOrder(all).stream().map(d -> d.name).toList());
    }

    @Test
    void givenNoDataOwner_whenOrdered_thenNothingToStop() {
        assertEquals(
                List.of(),
                ComponentPause.stopOrder(List.of(
                        component("io.qss.plotter", "Plotter", Map.of()), component("io.qss.shell", "Shell", null))));
    }

    private static ComponentDescriptionDTO component(String bundle, String name, Map<String, Object> properties) {
        ComponentDescriptionDTO d = new ComponentDescriptionDTO();
        d.bundle = new BundleDTO();
        d.bundle.symbolicName = bundle;
        d.name = name;
        d.properties = properties;
        return d;
    }
}
