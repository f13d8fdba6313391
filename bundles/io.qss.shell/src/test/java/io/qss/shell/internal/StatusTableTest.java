// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.core.health.SystemHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusTableTest {

    @Test
    void givenComponents_whenRendered_thenOneLinePerComponentAndTheOverallState() {
        Map<String, HealthReport> components = new LinkedHashMap<>();
        components.put("mongo", new HealthReport(HealthState.UP, "connected", Map.of("mode", "embedded")));
        components.put("rest", HealthReport.of(HealthState.DOWN, "port 9000 in use"));
        String table = StatusTable.render(new SystemHealth(HealthState.DOWN, components));
        String nl = System.lineSeparator();
        assertEquals(
                "COMPONENT  STATE     DETAIL" + nl
                        + "mongo      UP        connected [mode=embedded]" + nl
                        + "rest       DOWN      port 9000 in use" + nl
                        + "qss is DOWN" + nl,
                table);
    }
}
