// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.api.rest.internal.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Garbage thrown at every route of the plotter, seeded so a failure can be replayed: {@code -Dfuzz.seed=N} repeats
 * a run (the seed is printed). Nothing may answer 500 or name an exception; API answers are JSON; a POST body that is
 * not one JSON object is a 400 with a short message.
 */
class PlotterFuzzTest {

    private static final int ROUNDS = 150;
    private static final Set<Integer> CLIENT_ERRORS = Set.of(400, 401, 403, 404, 405, 413, 429);
    private static final List<String> POST_ROUTES =
            List.of("/api/login", "/api/password", "/api/permalinks", "/api/logout");
    private static final List<String> GET_ROUTES = List.of(
            "/api/session",
            "/api/streams",
            "/api/streams/",
            "/api/bracket",
            "/api/data",
            "/api/permalinks/",
            "/api/csv",
            "/api/usage",
            "/api/instance",
            "/api/nothing",
            "/",
            "/index.html",
            "/web/app.js",
            "/web/",
            "/nothing");
    private static final List<String> PARAMETERS = List.of("uuid", "start", "end", "pw", "label", "zone", "metadata");
    private static PlotterFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new PlotterFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static Random seeded(String test) {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println(test + " fuzz.seed=" + seed);
        return new Random(seed);
    }

    @Test
    void givenBodiesThatAreNotOneJsonObject_whenPostedToEveryJsonRoute_then400WithShortJsonError() throws Exception {
        Random random = seeded("malformed bodies");
        PlotterFixture.Browser bob = fixture.browser();
        assertEquals(200, bob.login("bob", "hunter2").statusCode());
        for (int round = 0; round < ROUNDS; round++) {
            byte[] body = notAnObject(random);
            for (String route : List.of("/api/login", "/api/password", "/api/permalinks")) {
                HttpResponse<String> response = post(bob, route, body);
                String replay = "[route=" + route + ", body=" + printable(body) + "]";
                assertEquals(400, response.statusCode(), replay + " " + response.body());
                assertJsonError(response, replay);
            }
        }
    }

    @Test
    void givenMutatedBodies_whenPostedToEveryPostRoute_thenAClientErrorOrSuccessNever500() throws Exception {
        Random random = seeded("mutated bodies");
        List<String> valid = List.of(
                "{\"username\": \"alice\", \"password\": \"wrong\"}",
                "{\"oldPassword\": \"nope\", \"newPassword\": \"x\"}",
                "{\"streams\": [\"" + TestData.L1MAG + "\"], \"start\": \"1\", \"end\": \"2\", \"nested\": "
                        + "{\"a\": [1, 2.5, -3e10, true, null]}}");
        for (int round = 0; round < ROUNDS; round++) {
            PlotterFixture.Browser browser = fixture.browser();
            String route = POST_ROUTES.get(random.nextInt(POST_ROUTES.size()));
            byte[] body = mutate(random, valid.get(random.nextInt(valid.size())).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = post(browser, route, body);
            assertSane(response, "[route=" + route + ", body=" + printable(body) + "]");
        }
    }

    @Test
    void givenGarbageParametersAndPaths_whenRequested_thenAClientErrorOrSuccessNever500() throws Exception {
        Random random = seeded("garbage parameters");
        PlotterFixture.Browser browser = fixture.browser();
        for (int round = 0; round < ROUNDS * 2; round++) {
            String route = GET_ROUTES.get(random.nextInt(GET_ROUTES.size()));
            // path junk keeps to characters the container passes to the servlet (it refuses ambiguous paths itself)
            String path = route.endsWith("/") ? route + junk(random).replaceAll("[^A-Za-z0-9_.:$,-]", "") : route;
            StringBuilder query = new StringBuilder();
            for (int i = random.nextInt(6); i > 0; i--) {
                query.append(query.length() == 0 ? "?" : "&")
                        .append(PARAMETERS.get(random.nextInt(PARAMETERS.size())))
                        .append('=')
                        .append(encoded(parameterValue(random)));
            }
            String method = random.nextInt(8) == 0
                    ? List.of("PUT", "DELETE", "POST", "PATCH").get(random.nextInt(4))
                    : "GET";
            HttpResponse<String> response = browser.http.send(
                    HttpRequest.newBuilder(URI.create(fixture.base() + path + query))
                            .method(
                                    method,
                                    HttpRequest.BodyPublishers.ofByteArray(
                                            junk(random).getBytes(StandardCharsets.UTF_8)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertSane(response, "[method=" + method + ", url=" + path + query + "]");
        }
    }

    @Test
    void givenTrace_whenSentToPagesAndApi_then405WithoutEcho() throws Exception {
        int port = URI.create(fixture.base()).getPort();
        for (String path : List.of("/", "/api/session", "/api/login", "/web/app.js", "/nothing")) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream()
                        .write(("TRACE " + path + " HTTP/1.1\r\nHost: test\r\nCookie: qss_session="
                                        + "secret-to-echo\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                String answer = readAll(socket.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 405 "), path + ": " + answer);
                assertFalse(answer.contains("secret-to-echo"), answer);
            }
        }
    }

    private static HttpResponse<String> post(PlotterFixture.Browser browser, String route, byte[] body)
            throws Exception {
        return browser.http.send(
                HttpRequest.newBuilder(URI.create(fixture.base() + route))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertSane(HttpResponse<String> response, String replay) {
        int status = response.statusCode();
        assertTrue(
                status == 200 || status == 304 || CLIENT_ERRORS.contains(status),
                "status " + status + " " + replay + " " + response.body());
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (status >= 400) {
            assertJsonError(response, replay);
        } else if (response.uri().getPath().startsWith("/api/") && !type.startsWith("text/csv")) {
            assertTrue(type.startsWith("application/json"), type + " " + replay);
        }
    }

    private static void assertJsonError(HttpResponse<String> response, String replay) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("application/json"), "JSON error expected " + replay + " " + type);
        String error = Document.parse(response.body()).getString("error");
        assertTrue(error != null && !error.isBlank() && error.length() < 300, replay + " " + response.body());
        for (String internal : List.of("Exception", "exception", "\tat ", "org.bson", "com.fasterxml", "java.")) {
            assertFalse(error.contains(internal), "names internals: " + error + " " + replay);
        }
    }

    /** A body that is anything but exactly one JSON object of storable fields. */
    private static byte[] notAnObject(Random random) {
        List<Function<Random, String>> kinds = List.of(
                r -> "",
                r -> " \n\t ",
                r -> "[" + r.nextInt() + "]",
                r -> "\"" + junk(r).replace("\"", "").replace("\\", "") + "\"",
                r -> Integer.toString(r.nextInt()),
                r -> "null",
                r -> "true",
                r -> "{\"username\": \"alice\"",
                r -> "{\"username\": }",
                r -> "{} {}",
                r -> "{\"a\": 1} trailing",
                r -> "{'username': 'alice'}",
                r -> "{\"a\": NaN}",
                r -> "{\"$where\": \"1\"}",
                r -> "{\"a.b\": 1}",
                r -> "{\"streams\": [], \"x\": {\"$date\": 1}}",
                r -> "[".repeat(1 + r.nextInt(9000)),
                r -> "{\"a\":".repeat(1 + r.nextInt(2000)) + "1" + "}".repeat(r.nextInt(2000)),
                r -> "{" + junk(r) + ",}",
                r -> "x" + junk(r));
        String text = kinds.get(random.nextInt(kinds.size())).apply(random);
        if (random.nextInt(10) == 0) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            byte[] invalid = new byte[bytes.length + 3];
            System.arraycopy(bytes, 0, invalid, 0, bytes.length);
            invalid[bytes.length] = (byte) 0xff;
            invalid[bytes.length + 1] = (byte) 0xc3;
            invalid[bytes.length + 2] = (byte) 0x28;
            return invalid;
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mutate(Random random, byte[] valid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : valid) {
            int dice = random.nextInt(40);
            if (dice == 0) {
                continue; // drop
            }
            if (dice == 1) {
                out.write(random.nextInt(256)); // replace
                continue;
            }
            out.write(b);
            if (dice == 2) {
                byte[] extra = junk(random).getBytes(StandardCharsets.UTF_8);
                out.write(extra, 0, extra.length); // insert
            }
        }
        if (random.nextInt(20) == 0) {
            out.write(new byte[17_000], 0, 17_000); // past the body limit
        }
        return out.toByteArray();
    }

    private static String parameterValue(Random random) {
        List<Function<Random, String>> kinds = List.of(
                r -> junk(r),
                r -> Long.toString(r.nextLong()),
                r -> Integer.toString(r.nextInt(80) - 10),
                r -> TestData.L1MAG.toString(),
                r -> "9".repeat(1 + r.nextInt(40)),
                r -> "-0",
                r -> "true",
                r -> "Europe/Zurich",
                r -> "../../../etc/passwd",
                r -> "=cmd|' /C calc'!A0");
        return kinds.get(random.nextInt(kinds.size())).apply(random);
    }

    /** Up to 40 characters of anything: ASCII punctuation, control characters, quotes, non-BMP. */
    private static String junk(Random random) {
        String alphabet = "{}[]\",:\\/'$.%&=?#;<>\u0000\u0001\t\r\n abcXYZ019-+e\u00e9\u4e2d\ud83d\ude00";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            int at = random.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            if (Character.isHighSurrogate(c) && at + 1 < alphabet.length()) {
                text.append(c).append(alphabet.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String printable(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "...(" + body.length + " bytes)" : text;
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
