// SPDX-License-Identifier: Apache-2.0
package io.qss.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.auth.CreatedApiKey;
import io.qss.core.health.HealthState;
import java.lang.annotation.Annotation;
import io.qss.core.DataDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthComponentTest {

    private final TestMongo mongo = new TestMongo();
    private AuthComponent component;
    @TempDir
    Path data;

    @AfterEach
    void stop() {
        if (component != null) {
            component.deactivate();
        }
        mongo.close();
    }

    @Test
    void givenConfiguredDefaults_whenActivated_thenServesDefaultsAtOnceAndComesUp() throws Exception {
        component = new AuthComponent(mongo.client, config("public=/upmu/soda_a; ops=/", 1), new DataDirectory(data));
        assertTrue(component.mayRead(component.anonymous(), "/upmu/soda_a/L1MAG"));
        assertEquals(List.of("/"), component.tagConfig().get("ops"));
        awaitState(component, HealthState.UP);
        CreatedApiKey key = component.createApiKey("ops", Set.of("ops"), true);
        assertTrue(component.mayWrite(component.apiKey(key.secret()).orElseThrow(), "/lab/x/A"));
        assertEquals(1, component.health().figures().get("apiKeys"));
    }

    static void awaitState(AuthComponent component, HealthState state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (component.health().state() != state && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        assertEquals(state, component.health().state(), component.health().detail());
    }

    static AuthComponent.Config config(String tags, int refreshSeconds) {
        return new AuthComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return AuthComponent.Config.class;
            }

            @Override
            public String defaultTagConfig() {
                return tags;
            }

            @Override
            public int refreshSeconds() {
                return refreshSeconds;
            }
        };
    }
}
