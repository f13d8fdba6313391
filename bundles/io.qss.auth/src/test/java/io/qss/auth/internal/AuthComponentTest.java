// SPDX-License-Identifier: Apache-2.0
package io.qss.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.qss.auth.CreatedApiKey;
import io.qss.core.health.HealthState;
import java.lang.annotation.Annotation;
import io.qss.core.DataDirectory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthComponentTest {

    private MongoServer server;
    private MongoClient client;
    private AuthComponent component;
    @TempDir
    Path data;

    @BeforeEach
    void start() {
        server = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    @AfterEach
    void stop() {
        if (component != null) {
            component.deactivate();
        }
        client.close();
        server.shutdownNow();
    }

    @Test
    void givenConfiguredDefaults_whenActivated_thenServesDefaultsAtOnceAndComesUp() throws Exception {
        component = new AuthComponent(client, config("public=/upmu/soda_a; ops=/", 1), new DataDirectory(data));
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
