// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live devices of a running distribution as an operator sees them: {@code device:status}, {@code device:streams}
 * and their points read back through the REST API with an API key.
 */
final class LiveDevices {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** A {@code device:streams} row: path (may hold spaces: station names), unit, UUID. */
    private static final Pattern STREAM_ROW = Pattern.compile("^(/\\S.*?)\\s+(\\S+)\\s+([0-9a-f-]{36})\\s*$");

    private static final Pattern READING = Pattern.compile("\\[(-?\\d+),([^\\[\\]]+)\\]");

    private final Distribution qss;
    private final String apiKey;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    LiveDevices(Distribution qss, String apiKey) {
        this.qss = qss;
        this.apiKey = apiKey;
    }

    /** The device's row of {@code device:status}, or "" while it has none. */
    String statusLine(String alias) {
        try {
            return qss.console("device:status " + alias)
                    .output()
                    .lines()
                    .filter(l -> l.startsWith(alias + " "))
                    .findFirst()
                    .orElse("");
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Waits until the device's status is {@code status} (and its row holds {@code detail}); returns the row. */
    String awaitStatus(String alias, String status, String detail) throws Exception {
        String pattern = "^" + Pattern.quote(alias) + "\\s+\\S+\\s+" + status + "\\s.*";
        await(
                () -> {
                    String line = statusLine(alias);
                    return line.matches(pattern) && line.contains(detail);
                },
                alias + " " + status + " (" + detail + ")");
        return statusLine(alias);
    }

    /** The device's streams, path to UUID, from {@code device:streams}. */
    Map<String, String> streams(String alias) throws Exception {
        Map<String, String> streams = new LinkedHashMap<>();
        for (String line : Distribution.lines(qss.consoleOk("device:streams " + alias))) {
            Matcher m = STREAM_ROW.matcher(line.strip());
            if (m.matches()) {
                streams.put(m.group(1), m.group(3));
            }
        }
        return streams;
    }

    /** A stored point: time in ns, value. */
    record Point(long time, double value) {}

    /** The raw points of a stream in [start, end) ns, in time order; duplicates kept. */
    List<Point> points(String uuid, long start, long end) throws Exception {
        String body = get("/data/uuid/" + uuid + "?starttime=" + start + "&endtime=" + end + "&unitoftime=ns");
        List<Point> points = new ArrayList<>();
        Matcher m = READING.matcher(body.substring(body.indexOf("\"Readings\"") + 1));
        while (m.find()) {
            points.add(new Point(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2))));
        }
        return points;
    }

    /** The number of points of a stream in [start, end) ns. */
    int count(String uuid, long start, long end) {
        try {
            return points(uuid, start, end).size();
        } catch (Exception e) {
            return -1;
        }
    }

    private String get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + qss.restPort + path))
                .header("authorization", "Bearer " + apiKey)
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    /** Polls {@code condition} for up to 120 s; the failure names {@code what} and shows device:status. */
    void await(BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what + "\n"
                        + qss.console("device:status").output() + "\nlog errors: " + qss.bootErrors());
            }
            Thread.sleep(250);
        }
    }
}
