// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The peers' HTTP calls: line-protocol writes and queries whose answers are counted, not kept. */
final class Http {

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** POSTs {@code body} to {@code path}; fails unless the answer is 2xx. */
    void post(String path, byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofMinutes(10))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        check(path, response.statusCode(), response.body());
    }

    /** GETs {@code path?params} and returns the answer's text; fails unless the answer is 2xx. */
    String get(String path, Map<String, String> params) throws IOException, InterruptedException {
        return get(path, params, Map.of());
    }

    String get(String path, Map<String, String> params, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpResponse<String> response =
                client.send(request(path, params, headers), HttpResponse.BodyHandlers.ofString());
        check(path, response.statusCode(), response.body());
        return response.body();
    }

    /** GETs {@code path?params} and counts the answer's lines as they stream in. */
    long countLines(String path, Map<String, String> params, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> response =
                client.send(request(path, params, headers), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8), 1 << 16)) {
            if (response.statusCode() / 100 != 2) {
                check(path, response.statusCode(), in.lines().collect(Collectors.joining("\n")));
            }
            return in.lines().count();
        }
    }

    /** Whether {@code path} answers 2xx now. */
    boolean isUp(String path) {
        try {
            return client.send(
                                            HttpRequest.newBuilder(URI.create(base + path))
                                                    .timeout(Duration.ofSeconds(2))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            / 100
                    == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ordered query parameters, for readable call sites. */
    static Map<String, String> params(String... keyValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            out.put(keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    private HttpRequest request(String path, Map<String, String> params, Map<String, String> headers) {
        String query = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        URI.create(base + path + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofMinutes(20))
                .GET();
        headers.forEach(builder::header);
        return builder.build();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private void check(String path, int status, String body) throws IOException {
        if (status / 100 != 2) {
            throw new IOException("HTTP call failed [url=" + base + path + ", status=" + status + ", body="
                    + body.substring(0, Math.min(300, body.length())) + "]");
        }
    }
}
