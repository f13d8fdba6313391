// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.core.health.HealthState;
import io.qss.core.health.SystemHealth;
import io.qss.store.api.MergePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.servlet.Servlet;

/**
 * A REST listener over {@link SuiteData}: a real store with {@link TestData} and real access control. Close it after
 * use.
 */
final class RestFixture extends SuiteData {

    static final long MAX_RAW_POINTS = 100_000;
    static final long MAX_BODY_BYTES = 1 << 20;

    final HttpListener listener;
    private final HttpClient http = HttpClient.newHttpClient();

    RestFixture() throws Exception {
        RestApi api = new RestApi(store, access, MAX_RAW_POINTS, "rest", ZoneId.of("UTC"));
        Map<String, Servlet> servlets = new LinkedHashMap<>(Endpoints.of(api));
        servlets.put("/status", new StatusServlet(() -> new SystemHealth(HealthState.UP, Map.of())));
        listener = HttpListener.start("test-rest", "127.0.0.1", 0, 8, MAX_BODY_BYTES, servlets);
    }

    String base() {
        return "http://127.0.0.1:" + listener.port();
    }

    HttpResponse<String> get(String pathAndQuery, String key) throws Exception {
        return send(request(pathAndQuery, key).GET().build());
    }

    /** A POST as {@code curl -d} sends it: form content type, body as given. */
    HttpResponse<String> post(String path, String body, String key) throws Exception {
        return send(request(path, key)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String pathAndQuery, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + pathAndQuery));
        return key == null ? builder : builder.header("authorization", "Bearer " + key);
    }

    void insert(UUID uuid, long[] times, double[] values) throws Exception {
        store.insert(uuid, times, values, 0, times.length, MergePolicy.NEVER);
    }

    @Override
    public void close() throws Exception {
        listener.close();
        super.close();
    }
}
