// SPDX-License-Identifier: Apache-2.0
package io.qss.ups.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import java.lang.annotation.Annotation;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The component against a real socket server: online, then on battery, then apcupsd gone. */
class UpsComponentTest {

    @Test
    void givenApcupsdChanges_whenPolled_thenHealthFollows() throws Exception {
        UpsComponent ups;
        try (NisServer server = new NisServer(Samples.online())) {
            ups = new UpsComponent(config(server.port()));
            try {
                assertEquals("ups", ups.componentName());
                assertEquals(HealthState.UP, await(ups, HealthState.UP).state());

                server.answer(Samples.withStatus("ONBATT"));
                HealthReport onBattery = await(ups, HealthState.DEGRADED);
                assertEquals("UPS on battery [charge=100.0%, timeLeft=97.0 min]", onBattery.detail());

                server.answer(Samples.online());
                await(ups, HealthState.UP);
            } finally {
                server.close();
            }
            HealthReport gone = awaitDetail(ups, "apcupsd not reachable");
            assertEquals(HealthState.DEGRADED, gone.state());
            assertTrue(gone.detail().contains("source=127.0.0.1:" + server.port()), gone.detail());
            ups.deactivate();
        }
    }

    private static HealthReport await(UpsComponent ups, HealthState state) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ups.health().state() != state && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000);
        }
        assertEquals(state, ups.health().state(), ups.health().detail());
        return ups.health();
    }

    private static HealthReport awaitDetail(UpsComponent ups, String prefix) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!ups.health().detail().startsWith(prefix) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000);
        }
        assertTrue(ups.health().detail().startsWith(prefix), ups.health().detail());
        return ups.health();
    }

    private static UpsComponent.Config config(int port) {
        return new UpsComponent.Config() {
            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public int pollSeconds() {
                return 1;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return UpsComponent.Config.class;
            }
        };
    }
}
