// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Dictionary;
import java.util.concurrent.locks.LockSupport;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Waits for qss to serve again after an update, by asking its public {@code GET /status} as an operator would.
 *
 * <p>Going through HTTP keeps this bundle free of imports from the bundles an update replaces, so an update never
 * refreshes the code that is running it.
 */
final class StatusProbe {

    private static final String REST_PID = "io.qss.api.rest";
    private static final int DEFAULT_REST_PORT = 9000;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ConfigurationAdmin configurationAdmin;

    StatusProbe(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    /** True once {@code /status} answers {@code OK} within {@code timeout}. */
    boolean awaitServing(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if ("OK".equals(status())) {
                return true;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        return false;
    }

    /** The current {@code /status} body, or a short reason when it cannot be read. */
    String status() {
        URI uri = URI.create("http://127.0.0.1:" + restPort() + "/status");
        try {
            return http.send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The REST port as configured now (read on every probe, so a restored or updated configuration counts). */
    private int restPort() {
        try {
            Dictionary<String, Object> properties =
                    configurationAdmin.getConfiguration(REST_PID, null).getProperties();
            Object port = properties == null ? null : properties.get("port");
            return port == null
                    ? DEFAULT_REST_PORT
                    : Integer.parseInt(port.toString().trim());
        } catch (IOException | NumberFormatException e) {
            return DEFAULT_REST_PORT;
        }
    }
}
