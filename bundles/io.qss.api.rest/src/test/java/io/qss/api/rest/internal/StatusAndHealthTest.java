// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.core.health.SystemHealth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.servlet.Servlet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusAndHealthTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private volatile SystemHealth health;
    private HttpListener listener;

    @BeforeEach
    void startListener() throws Exception {
        Map<String, Servlet> servlets = new LinkedHashMap<>();
        servlets.put("/status", new StatusServlet(() -> health));
        servlets.put("/health", new HealthServlet(() -> health));
        listener = HttpListener.start("test-rest", "127.0.0.1", 0, 8, RestFixture.MAX_BODY_BYTES, servlets);
    }

    @AfterEach
    void stopListener() {
        listener.close();
    }

    @Test
    void givenAllComponentsUp_whenStatusRequested_thenPlainOk() throws Exception {
        health = new SystemHealth(HealthState.UP, Map.of("mongo", HealthReport.of(HealthState.UP, "connected")));
        HttpResponse<String> response = get("/status");
        assertEquals(200, response.statusCode());
        assertEquals("OK", response.body());
        assertEquals(
                "text/plain;charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void givenComponentStarting_whenStatusRequested_then503NamingIt() throws Exception {
        health = new SystemHealth(
                HealthState.STARTING,
                Map.of(
                        "mongo", HealthReport.of(HealthState.STARTING, "opening"),
                        "rest", HealthReport.of(HealthState.UP, "")));
        HttpResponse<String> response = get("/status");
        assertEquals(503, response.statusCode());
        assertEquals("NOT READY [mongo=STARTING]", response.body());
    }

    @Test
    void givenComponents_whenHealthRequested_thenJsonListsEachWithFigures() throws Exception {
        Map<String, HealthReport> components = new LinkedHashMap<>();
        components.put("mongo", new HealthReport(HealthState.UP, "connected", Map.of("address", "127.0.0.1:27018")));
        components.put("rest", new HealthReport(HealthState.UP, "listening", Map.of("port", 9000)));
        health = new SystemHealth(HealthState.UP, components);
        HttpResponse<String> response = get("/health");
        assertEquals(200, response.statusCode());
        assertEquals(
                "{\"status\":\"UP\",\"components\":{"
                        + "\"mongo\":{\"state\":\"UP\",\"detail\":\"connected\",\"figures\":{\"address\":\"127.0.0.1:27018\"}},"
                        + "\"rest\":{\"state\":\"UP\",\"detail\":\"listening\",\"figures\":{\"port\":9000}}}}",
                response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + listener.port() + path);
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
