// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import static io.qss.api.rest.internal.TestData.C1ANG;
import static io.qss.api.rest.internal.TestData.DAY_START;
import static io.qss.api.rest.internal.TestData.EMPTY;
import static io.qss.api.rest.internal.TestData.L1MAG;
import static io.qss.api.rest.internal.TestData.MINUTE;
import static io.qss.api.rest.internal.TestData.MISSING;
import static io.qss.api.rest.internal.TestData.PRIVATE;
import static io.qss.api.rest.internal.TestData.RAW_START;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/multi}: the windows of several streams in one binary answer, over a real Jetty and store. */
class MultiStreamDataTest {

    private static PlotterFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new PlotterFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void givenSeveralStreams_whenAskedTogether_thenEachBlockIsItsSingleStreamAnswer() throws Exception {
        // raw data: L1MAG from RAW_START, C1ANG only from RAW_START + 1 s; EMPTY has no points at all
        assertSameAsSingleAnswers(List.of(L1MAG, C1ANG, EMPTY), RAW_START, RAW_START + 3_000_000_000L, 20);
        // the first second holds no point of C1ANG: its block says 0 windows
        assertSameAsSingleAnswers(List.of(C1ANG, L1MAG), RAW_START, RAW_START + 900_000_000L, 18);
        // statistical windows over minutes of the day, a stream asked twice answered twice
        assertSameAsSingleAnswers(List.of(L1MAG, L1MAG), DAY_START + 1000, DAY_START + 100 * MINUTE + 7, 36);
    }

    @Test
    void givenTheAnswer_whenReadAsThePageDoes_thenColumnsStartOnEightByteBoundaries() throws Exception {
        HttpResponse<byte[]> response =
                bytes(fixture.browser(), multiUrl(List.of(L1MAG, C1ANG), RAW_START, RAW_START + 3_000_000_000L, 20));
        assertEquals(200, response.statusCode());
        assertEquals(
                "application/octet-stream",
                response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        ByteBuffer body = ByteBuffer.wrap(response.body()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(2, body.getInt(0), "streams");
        assertEquals(0, body.getInt(4), "padding");
        int offset = 8;
        for (int k = 0; k < 2; k++) {
            assertEquals(0, offset % 8, "block " + k);
            int n = body.getInt(offset);
            assertTrue(n > 0, "windows of block " + k);
            double firstTime = body.getDouble(offset + 8);
            double firstCount = body.getDouble(offset + 8 + 4 * 8 * n);
            assertTrue(firstTime >= (RAW_START - (1L << 20)) / 1e6 && firstCount >= 1, "block " + k);
            offset += 8 + 5 * 8 * n;
        }
        assertEquals(response.body().length, offset, "nothing after the last block");
    }

    @Test
    void givenAStreamTheCallerMayNotRead_whenAskedWithOthers_thenTheWholeRequestIsRefused() throws Exception {
        long end = RAW_START + 1_000_000_000L;
        String url = multiUrl(List.of(L1MAG, PRIVATE), RAW_START, end, 20);
        PlotterFixture.Browser bob = fixture.browser();
        assertEquals(200, bob.login("bob", "hunter2").statusCode());
        assertError(bob.get(url), 403, "stream not readable with your tags [uuid=" + PRIVATE + "]");
        assertError(fixture.browser().get(url), 403, "[uuid=" + PRIVATE + "]");
        assertError(bob.get(multiUrl(List.of(MISSING, L1MAG), RAW_START, end, 20)), 404, "no such stream");
        PlotterFixture.Browser alice = fixture.browser();
        assertEquals(200, alice.login("alice", "secret").statusCode());
        assertEquals(200, bytes(alice, url).statusCode());
    }

    @Test
    void badMultiRequestsGetTheErrorsOfTheSingleStreamRequest() throws Exception {
        PlotterFixture.Browser browser = fixture.browser();
        assertError(browser.get("/api/multi?start=1&end=2&pw=3"), 400, "missing parameter [name=uuid]");
        assertError(browser.get("/api/multi?uuid=" + L1MAG + "&start=1&end=2"), 400, "missing parameter [name=pw]");
        assertError(browser.get("/api/multi?uuid=" + L1MAG + "&end=2&pw=3"), 400, "missing parameter [name=start]");
        assertError(browser.get(multiUrl(List.of(L1MAG, C1ANG), 10, 5, 3)), 400, "end must be after start");
        assertError(browser.get(multiUrl(List.of(L1MAG), 1, 2, 63)), 400, "0..62 [pw=63]");
        assertError(browser.get(multiUrl(List.of(L1MAG), 1, 2, -1)), 400, "0..62 [pw=-1]");
        assertError(
                browser.get("/api/multi?uuid=" + L1MAG + "&uuid=nope&start=1&end=2&pw=3"),
                400,
                "not a UUID [uuid=nope]");
        assertError(browser.get("/api/multi?uuid=" + L1MAG + "&start=x&end=2&pw=3"), 400, "[start=x]");
        assertError(
                browser.get(multiUrl(List.of(L1MAG, C1ANG), 0, (PlotterFixture.MAX_WINDOWS + 1) << 10, 10)),
                400,
                "too many windows");
        assertError(
                browser.get(multiUrl(Collections.nCopies(65, L1MAG), 1, 2, 3)),
                400,
                "too many streams in one request [streams=65, max=64]");
        assertError(browser.post("/api/multi", "{}"), 404, "no such API call [method=POST");
    }

    /** The multi answer must be the stream count, 4 zero bytes, then exactly the bytes of each single answer. */
    private static void assertSameAsSingleAnswers(List<UUID> uuids, long start, long end, int pw) throws Exception {
        PlotterFixture.Browser browser = fixture.browser();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(uuids.size())
                .putInt(0)
                .array());
        for (UUID uuid : uuids) {
            HttpResponse<byte[]> single = bytes(
                    browser,
                    "/api/data?uuid=" + uuid + "&start=" + start + "&end=" + end + "&pw=" + pw + "&format=f64");
            assertEquals(200, single.statusCode(), uuid + ": " + new String(single.body(), StandardCharsets.UTF_8));
            expected.write(single.body());
        }
        HttpResponse<byte[]> multi = bytes(browser, multiUrl(uuids, start, end, pw));
        assertEquals(200, multi.statusCode(), new String(multi.body(), StandardCharsets.UTF_8));
        assertArrayEquals(expected.toByteArray(), multi.body(), "streams=" + uuids + ", pw=" + pw);
    }

    private static HttpResponse<byte[]> bytes(PlotterFixture.Browser browser, String pathAndQuery) throws Exception {
        return browser.http.send(
                HttpRequest.newBuilder(URI.create(fixture.base() + pathAndQuery))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertError(HttpResponse<String> response, int status, String fragment) {
        assertEquals(status, response.statusCode(), response.body());
        String error = Document.parse(response.body()).getString("error");
        assertTrue(error.contains(fragment), error);
    }

    private static String multiUrl(List<UUID> uuids, long start, long end, int pw) {
        StringBuilder url = new StringBuilder("/api/multi?start=" + start + "&end=" + end + "&pw=" + pw);
        for (UUID uuid : uuids) {
            url.append("&uuid=").append(uuid);
        }
        return url.toString();
    }
}
