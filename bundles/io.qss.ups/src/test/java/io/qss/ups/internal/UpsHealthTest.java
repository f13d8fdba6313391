// SPDX-License-Identifier: Apache-2.0
package io.qss.ups.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpsHealthTest {

    private static final String SOURCE = "127.0.0.1:3551";

    @Test
    void givenOnline_whenReported_thenUpWithFigures() {
        HealthReport report = UpsHealth.of(ApcStatus.parse(Samples.online()), SOURCE);

        assertEquals(HealthState.UP, report.state());
        assertEquals("online [model=Smart-UPS 750]", report.detail());
        assertEquals("Smart-UPS 750", report.figures().get("model"));
        assertEquals("ONLINE", report.figures().get("status"));
        assertEquals(100.0, report.figures().get("batteryChargePercent"));
        assertEquals(97.0, report.figures().get("timeLeftMinutes"));
        assertEquals(11.0, report.figures().get("loadPercent"));
        assertEquals(229.6, report.figures().get("lineVoltage"));
    }

    @Test
    void givenOnBattery_whenReported_thenDegradedWithRuntime() {
        HealthReport report = UpsHealth.of(ApcStatus.parse(Samples.withStatus("ONBATT")), SOURCE);

        assertEquals(HealthState.DEGRADED, report.state());
        assertEquals("UPS on battery [charge=100.0%, timeLeft=97.0 min]", report.detail());
    }

    @Test
    void givenLowBattery_whenReported_thenDegradedShutdownImminent() {
        HealthReport report = UpsHealth.of(ApcStatus.parse(Samples.withStatus("ONBATT LOWBATT")), SOURCE);

        assertEquals(HealthState.DEGRADED, report.state());
        assertTrue(
                report.detail().startsWith("UPS battery low, shutdown imminent [status=ONBATT LOWBATT"),
                report.detail());
    }

    @Test
    void givenCommunicationLost_whenReported_thenDegraded() {
        HealthReport report = UpsHealth.of(ApcStatus.parse(Samples.withStatus("COMMLOST")), SOURCE);

        assertEquals(HealthState.DEGRADED, report.state());
        assertEquals("apcupsd lost contact with the UPS [status=COMMLOST]", report.detail());
    }

    @Test
    void givenOnlineWithOldBattery_whenReported_thenDegraded() {
        HealthReport report = UpsHealth.of(ApcStatus.parse(Samples.withStatus("ONLINE REPLACEBATT")), SOURCE);

        assertEquals(HealthState.DEGRADED, report.state());
        assertTrue(report.detail().contains("needs replacing"), report.detail());
    }

    @Test
    void givenNoStatusLine_whenReported_thenDegraded() {
        HealthReport report = UpsHealth.of(ApcStatus.parse(List.of("MODEL    : Smart-UPS 750")), SOURCE);

        assertEquals(HealthState.DEGRADED, report.state());
        assertEquals("UPS not online [status=]", report.detail());
    }
}
