// SPDX-License-Identifier: Apache-2.0
package io.qss.mongo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.core.DataDirectory;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * The embedded server's port is held by another process when qss starts: health says why, and the component starts
 * by itself once the port is free (a restart right after a stop, a port a test handed out twice).
 */
class MongoComponentStartRetryTest {

    @TempDir
    Path data;

    @Test
    void givenPortTaken_whenComponentStarts_thenHealthSaysWhy_andItStartsOnceThePortIsFree() throws Exception {
        String previous = System.getProperty(DataDirectory.PROPERTY);
        System.setProperty(DataDirectory.PROPERTY, data.toString());
        CountDownLatch registered = new CountDownLatch(1);
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            MongoComponent component = new MongoComponent(context(registered), config(holder.getLocalPort()));
            try {
                HealthReport down = awaitFailure(component);
                assertEquals(HealthState.DOWN, down.state());
                assertTrue(down.detail().contains("retrying"), down.detail());
                holder.close();
                assertTrue(
                        registered.await(20, TimeUnit.SECONDS),
                        "the client was never published after the port freed: " + component.health());
                assertTrue(
                        !component.health().detail().contains("could not start"),
                        component.health().detail());
            } finally {
                component.deactivate();
            }
        } finally {
            if (previous == null) {
                System.clearProperty(DataDirectory.PROPERTY);
            } else {
                System.setProperty(DataDirectory.PROPERTY, previous);
            }
        }
    }

    private static HealthReport awaitFailure(MongoComponent component) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            HealthReport report = component.health();
            if (report.state() == HealthState.DOWN) {
                return report;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("health never said the start failed: " + component.health());
    }

    private static MongoComponent.Config config(int port) {
        Map<String, Object> values =
                Map.of("uri", "", "embeddedHost", "127.0.0.1", "embeddedPort", port, "probeIntervalSeconds", 10);
        return (MongoComponent.Config) Proxy.newProxyInstance(
                MongoComponent.Config.class.getClassLoader(),
                new Class<?>[] {MongoComponent.Config.class},
                (proxy, method, args) -> values.get(method.getName()));
    }

    private static BundleContext context(CountDownLatch registered) {
        ServiceReference<?> reference = (ServiceReference<?>) Proxy.newProxyInstance(
                ServiceReference.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class},
                (proxy, method, args) -> method.getName().equals("getProperty") ? "127.0.0.1" : null);
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
                ServiceRegistration.class.getClassLoader(),
                new Class<?>[] {ServiceRegistration.class},
                (proxy, method, args) -> method.getName().equals("getReference") ? reference : null);
        return (BundleContext) Proxy.newProxyInstance(
                BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("registerService")) {
                        registered.countDown();
                        return registration;
                    }
                    return null;
                });
    }
}
