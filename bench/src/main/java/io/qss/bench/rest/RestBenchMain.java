// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.rest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.UUID;

/**
 * Times REST aligned-windows queries of a running qss: inserts 120 Hz data covering {@code windows} windows of
 * 2^{@code pw} ns into a new stream over {@code /data/add} (needs a write key whose tags cover {@code /rest}, e.g.
 * {@code qss:apikey -w -t all create bench}), then sends the aligned-windows query repeatedly and prints the round
 * trip (an upper bound of the server time). Every window holds points, so an answer without exactly {@code windows}
 * rows stops the bench.
 *
 * <p>Usage: {@code java -cp qss-bench.jar:lib/* io.qss.bench.rest.RestBenchMain URL KEY [windows [pw [rounds]]]},
 * e.g. {@code http://127.0.0.1:9000 qss_… 1000 30 200}.
 */
public final class RestBenchMain {

    private static final long PERIOD = 8_333_333L;
    private static final int BATCH = 50_000;

    private RestBenchMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: RestBenchMain URL KEY [windows [pw [rounds]]]");
            System.exit(2);
        }
        String url = args[0];
        String key = args[1];
        int windows = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int pw = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        HttpClient http = HttpClient.newHttpClient();
        UUID uuid = UUID.randomUUID();
        long start = 1L << 60;
        long end = start + windows * (1L << pw);
        long points = insert(http, url, key, uuid, start, end);
        String query =
                url + "/data/uuid/" + uuid + "?starttime=" + start + "&endtime=" + end + "&unitoftime=ns&pw=" + pw;
        long[] nanos = new long[rounds];
        for (int round = -rounds / 2; round < rounds; round++) {
            long began = System.nanoTime();
            HttpResponse<String> response = send(
                    http,
                    HttpRequest.newBuilder(URI.create(query))
                            .header("authorization", "Bearer " + key)
                            .build());
            long took = System.nanoTime() - began;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "query failed [status=" + response.statusCode() + ", body=" + response.body() + "]");
            }
            if (round == -rounds / 2) {
                requireRows(response.body(), windows);
            }
            if (round >= 0) {
                nanos[round] = took;
            }
        }
        Arrays.sort(nanos);
        System.out.printf(
                "rest_aligned_windows windows=%d pw=%d points=%d rounds=%d median_ms=%.2f p90_ms=%.2f "
                        + "min_ms=%.2f%n",
                windows, pw, points, rounds, nanos[rounds / 2] / 1e6, nanos[rounds * 9 / 10] / 1e6, nanos[0] / 1e6);
    }

    private static long insert(HttpClient http, String url, String key, UUID uuid, long start, long end)
            throws Exception {
        long count = 0;
        StringBuilder body = new StringBuilder();
        for (long t = start; t < end; ) {
            body.setLength(0);
            body.append("{\"uuid\":\"").append(uuid).append("\",\"Readings\":[");
            for (int i = 0; i < BATCH && t < end; i++, t += PERIOD, count++) {
                body.append(i == 0 ? "" : ",")
                        .append('[')
                        .append(t)
                        .append(',')
                        .append(7200 + Math.sin(count / 100.0))
                        .append(']');
            }
            body.append("]}");
            HttpResponse<String> response = send(
                    http,
                    HttpRequest.newBuilder(URI.create(url + "/data/add/bench"))
                            .header("authorization", "Bearer " + key)
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "insert failed [status=" + response.statusCode() + ", body=" + response.body() + "]");
            }
        }
        return count;
    }

    /** The answer is {@code [{"uuid":…,"XReadings":[[…],[…],…]}]}: rows are the arrays inside XReadings. */
    private static void requireRows(String body, int windows) {
        int rows = body.split("\\],\\[", -1).length;
        if (rows != windows) {
            throw new IllegalStateException(
                    "aligned windows answer incomplete [expected=" + windows + ", rows=" + rows + "]");
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
