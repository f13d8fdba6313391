// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentConstants;

class HealthSourcesTest {

    private static final ComponentHealth PLOTTER = new ComponentHealth() {
        @Override
        public String componentName() {
            return "plotter";
        }

        @Override
        public HealthReport health() {
            return new HealthReport(HealthState.UP, "serving", Map.of());
        }
    };

    @Test
    void givenTheContainerRefusesTheServiceOnce_whenObtainedAgain_thenTheNextSnapshotHasIt() {
        List<ComponentHealth> answers = new ArrayList<>(Arrays.asList(null, PLOTTER));
        List<String> calls = new ArrayList<>();
        HealthSources.Source source = new HealthSources.Source(
                reference("io.qss.plotter.internal.PlotterComponent"),
                ref -> {
                    calls.add("get");
                    return answers.remove(0);
                },
                ref -> calls.add("unget"));

        assertNull(source.obtain(), "refused while the component's lock is held");
        assertSame(PLOTTER, source.obtain(), "asked for again at the next snapshot");
        assertSame(PLOTTER, source.obtain(), "kept once obtained");
        assertEquals(List.of("get", "get"), calls);
        assertEquals("io.qss.plotter.internal.PlotterComponent", source.componentName());
    }

    @Test
    void givenAnObtainedService_whenReleased_thenItIsGivenBackOnceAndAskedForAgain() {
        List<String> calls = new ArrayList<>();
        HealthSources.Source source = new HealthSources.Source(
                reference("io.qss.plotter.internal.PlotterComponent"),
                ref -> {
                    calls.add("get");
                    return PLOTTER;
                },
                ref -> calls.add("unget"));

        source.release();
        source.obtain();
        source.release();
        source.release();
        source.obtain();

        assertEquals(List.of("get", "unget", "get"), calls);
    }

    @Test
    void givenAServiceThatIsNoComponent_whenNamed_thenItHasNoComponentName() {
        HealthSources.Source source = new HealthSources.Source(reference(null), ref -> PLOTTER, ref -> {});

        assertNull(source.componentName());
        assertSame(PLOTTER, source.obtain());
    }

    @SuppressWarnings("unchecked")
    private static ServiceReference<ComponentHealth> reference(String componentName) {
        return (ServiceReference<ComponentHealth>) Proxy.newProxyInstance(
                HealthSourcesTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return ComponentConstants.COMPONENT_NAME.equals(args[0]) ? componentName : null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
