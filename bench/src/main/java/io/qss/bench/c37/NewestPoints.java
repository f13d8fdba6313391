// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.c37;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the REST API for streams' newest point times: one {@code POST /q/bracket} for all of them; when that fails
 * because a stream has no point yet, one {@code /q/nearest} per stream. Thread-safe.
 */
final class NewestPoints {
    private static final Pattern PAIR = Pattern.compile("\\[(-?\\d+),(-?\\d+)\\]");
    private static final long FAR_FUTURE_NANOS = 4_000_000_000_000_000_000L;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String rest;
    private final String apiKey;

    NewestPoints(String rest, String apiKey) {
        this.rest = rest.replaceAll("/+$", "");
        this.apiKey = apiKey;
    }

    /** Newest point time (epoch ns) of each stream, -1 for a stream without points. */
    long[] newest(List<UUID> uuids) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("{\"UUIDS\":[");
        for (int i = 0; i < uuids.size(); i++) {
            body.append(i == 0 ? "\"" : ",\"").append(uuids.get(i)).append('"');
        }
        body.append("]}");
        HttpResponse<String> response = http.send(
                request("/q/bracket")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
            return lasts(response.body(), uuids.size());
        }
        long[] each = new long[uuids.size()];
        for (int i = 0; i < each.length; i++) {
            each[i] = nearest(uuids.get(i));
        }
        return each;
    }

    /** The last times of a bracket answer {@code {"Brackets":[[first,last],...],...}}. */
    static long[] lasts(String body, int count) throws IOException {
        int start = body.indexOf("\"Brackets\":[");
        if (start < 0) {
            throw new IOException("bracket answer without Brackets [body=" + abbreviate(body) + "]");
        }
        Matcher m = PAIR.matcher(body);
        m.region(start, body.length());
        long[] lasts = new long[count];
        for (int i = 0; i < count; i++) {
            if (!m.find()) {
                throw new IOException("bracket answer too short [expected=" + count + ", got=" + i + "]");
            }
            lasts[i] = Long.parseLong(m.group(2));
        }
        return lasts;
    }

    private long nearest(UUID uuid) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                request("/q/nearest/" + uuid + "?time=" + FAR_FUTURE_NANOS + "&backwards=true")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String text = response.body().trim();
        if (response.statusCode() != 200 || !text.startsWith("[")) {
            return -1;
        }
        return Long.parseLong(text.substring(1, text.indexOf(',')).trim());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(rest + path)).timeout(Duration.ofSeconds(10));
        if (apiKey != null && !apiKey.isBlank()) {
            builder.header("authorization", "Bearer " + apiKey);
        }
        return builder;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    static List<UUID> spread(List<UUID> all, int count) {
        List<UUID> chosen = new ArrayList<>();
        for (int i = 0; i < Math.min(count, all.size()); i++) {
            chosen.add(all.get((int) ((long) i * all.size() / Math.min(count, all.size()))));
        }
        return chosen;
    }
}
