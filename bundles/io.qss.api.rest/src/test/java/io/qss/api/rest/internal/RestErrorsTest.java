// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import static io.qss.api.rest.internal.TestData.EMPTY;
import static io.qss.api.rest.internal.TestData.L1MAG;
import static io.qss.api.rest.internal.TestData.MISSING;
import static io.qss.api.rest.internal.TestData.PRIVATE;
import static io.qss.api.rest.internal.TestData.RAW_END;
import static io.qss.api.rest.internal.TestData.RAW_START;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error text and status of the 3.x endpoints. */
class RestErrorsTest {

    private static final String DATA = "/data/uuid/" + L1MAG + "?";
    private static final String RANGE = "starttime=" + RAW_START + "&endtime=" + RAW_END + "&unitoftime=ns";
    private static RestFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new RestFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    static Stream<Arguments> getErrors() {
        return Stream.of(
                Arguments.of("/nothing/here", 404, "404 page not found"),
                Arguments.of("/data/uuid/not-a-uuid?" + RANGE, 400, "malformed uuid"),
                Arguments.of(DATA + "starttime=abc&endtime=2", 400, "bad start time: malformed"),
                Arguments.of(
                        DATA + "starttime=-1152921504606846977&endtime=2",
                        400,
                        "bad start time: out of acceptable range"),
                Arguments.of(DATA + "starttime=1&endtime=x", 400, "bad end time: malformed"),
                Arguments.of(
                        DATA + "starttime=1&endtime=2&unitoftime=h", 400, "unitoftime must be 'ns', 'ms', 'us' or 's'"),
                Arguments.of(DATA + "starttime=2&endtime=2", 400, "end time <= start time"),
                Arguments.of(DATA + "starttime=-1152921504607&endtime=0", 400, "start time out of bounds"),
                Arguments.of(DATA + "starttime=0&endtime=3458764513821", 400, "end time out of bounds"),
                Arguments.of(
                        DATA + RANGE + "&ver=abc",
                        400,
                        "malformed version: strconv.ParseUint: parsing \"abc\": invalid syntax"),
                Arguments.of(DATA + RANGE + "&pw=3&win=5", 400, "cannot have pointwidth and window"),
                Arguments.of(DATA + RANGE + "&pw=63", 400, "bad point width: must be between 0 and 62"),
                Arguments.of(DATA + RANGE + "&pw=x", 400, "bad point width: malformed"),
                Arguments.of(DATA + RANGE + "&win=0", 400, "bad window: must be at least 1 ns"),
                Arguments.of(DATA + "starttime=1&endtime=2&pw=5", 400, "statistical results require unitoftime=ns"),
                Arguments.of("/data/uuid/" + MISSING + "?" + RANGE, 400, "query error: No such stream"),
                Arguments.of("/data/uuid/" + PRIVATE + "?" + RANGE, 400, "query error: No such stream"),
                Arguments.of("/csv/uuid/" + PRIVATE + "?" + RANGE, 400, "query error: No such stream"),
                Arguments.of(
                        "/q/nearest/" + L1MAG + "?time=" + RAW_START + "&backwards=1", 400, "Bad query: No such point"),
                Arguments.of("/q/nearest/" + PRIVATE + "?time=" + RAW_START, 400, "Bad query: No such stream"));
    }

    @ParameterizedTest
    @MethodSource("getErrors")
    void givenBadGet_whenSent_thenStatusAndExactText(String path, int status, String text) throws Exception {
        HttpResponse<String> response = fixture.get(path, null);
        assertEquals(text, response.body());
        assertEquals(status, response.statusCode());
    }

    static Stream<Arguments> postErrors() {
        String csv = "{\"UUIDS\":[\"" + L1MAG + "\"],\"Labels\":[\"a\"],\"StartTime\":1,\"EndTime\":2,";
        return Stream.of(
                Arguments.of("/directcsv", "{not json", 400, "bad request"),
                Arguments.of(
                        "/directcsv",
                        "{\"UUIDS\":[\"" + L1MAG + "\"],\"Labels\":[]}",
                        400,
                        "UUIDS and Labels must be the same length"),
                Arguments.of("/directcsv", csv + "\"PointWidth\":63}", 400, "PointWidth must be between 0 and 63"),
                Arguments.of(
                        "/alignedcsv",
                        "{\"UUIDS\":[\"" + MISSING + "\"],\"Labels\":[\"a\"],\"StartTime\":1,"
                                + "\"EndTime\":5,\"WindowWidth\":2}",
                        400,
                        "Stream " + MISSING + " does not exist"),
                Arguments.of(
                        "/alignedcsv",
                        csv + "\"WindowWidth\":0}",
                        400,
                        "WindowWidth must be between 1 ns and 365 days"),
                Arguments.of("/q/bracket", "{\"UUIDS\":[]}", 400, "no uuids"),
                Arguments.of(
                        "/q/bracket",
                        "{\"UUIDS\":[\"" + MISSING + "\",\"" + PRIVATE + "\"]}",
                        400,
                        "Bad query: none of those streams exist"),
                Arguments.of("/q/bracket", "{\"UUIDS\":[\"" + EMPTY + "\"]}", 400, "Bad query: No such point"),
                Arguments.of(
                        "/data/add/x",
                        "{\"uuid\":\"" + L1MAG + "\",\"Readings\":[[1,2]]}",
                        401,
                        "writing needs an API key with write access"));
    }

    @ParameterizedTest
    @MethodSource("postErrors")
    void givenBadPost_whenSent_thenStatusAndExactText(String path, String body, int status, String text)
            throws Exception {
        HttpResponse<String> response = fixture.post(path, body, null);
        assertEquals(text, response.body());
        assertEquals(status, response.statusCode());
    }

    static Stream<Arguments> insertErrors() {
        String head = "{\"uuid\":\"" + L1MAG + "\",\"Readings\":";
        return Stream.of(
                Arguments.of("[1,2]", 400, "malformed quasar HTTP insert"),
                Arguments.of("{\"uuid\":\"nope\",\"Readings\":[]}", 400, "malformed uuid"),
                Arguments.of(head + "[[1,2],[3]]}", 400, "reading 1 is malformed"),
                Arguments.of(head + "[[1,2,3]]}", 400, "reading 0 is malformed"),
                Arguments.of(head + "[5]}", 400, "reading 0 is malformed"),
                Arguments.of(head + "[[1,2]]", 400, "malformed quasar HTTP insert"),
                Arguments.of("{\"Readings\":[[1,\"x\"]],\"uuid\":\"nope\"}", 400, "malformed uuid"),
                Arguments.of(
                        head + "[[1.5,2]]}",
                        400,
                        "reading 0 time malformed: strconv.ParseInt: parsing \"1.5\": invalid syntax"),
                Arguments.of(
                        head + "[[1,\"x\"]]}",
                        400,
                        "value 0 malformed: strconv.ParseFloat: parsing \"x\": invalid syntax"));
    }

    @ParameterizedTest
    @MethodSource("insertErrors")
    void givenBadInsert_whenSentWithWriteKey_thenStatusAndExactText(String body, int status, String text)
            throws Exception {
        HttpResponse<String> response = fixture.post("/data/add/k", body, fixture.writer);
        assertEquals(text, response.body());
        assertEquals(status, response.statusCode());
    }

    @Test
    void givenReadOnlyKey_whenInserting_thenForbidden() throws Exception {
        HttpResponse<String> response =
                fixture.post("/data/add/k", "{\"uuid\":\"" + PRIVATE + "\",\"Readings\":[[1,2]]}", fixture.labReader);
        assertEquals(403, response.statusCode());
        assertEquals("this API key may not write", response.body());
    }

    @Test
    void givenUnknownKey_whenQuerying_thenUnauthorized() throws Exception {
        HttpResponse<String> response = fixture.get(DATA + RANGE, "qss_00000000_nope");
        assertEquals(401, response.statusCode());
        assertEquals("invalid API key", response.body());
    }

    @Test
    void givenWrongMethod_whenSent_then405WithAllow() throws Exception {
        HttpResponse<String> get = fixture.get("/directcsv", null);
        assertEquals(405, get.statusCode());
        assertEquals("Method Not Allowed", get.body());
        assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());
        HttpResponse<String> post = fixture.post("/data/uuid/" + L1MAG, "", null);
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void givenHead_whenSentToGetRoute_thenAnsweredWithoutBody() throws Exception {
        HttpResponse<String> head = fixture.send(fixture.request(DATA + RANGE, null)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void givenRawQueryOverTheCap_whenSent_thenClearError() throws Exception {
        RestApi capped = new RestApi(fixture.store, fixture.access, 100, "rest", ZoneId.of("UTC"));
        try (HttpListener small = HttpListener.start("capped", "127.0.0.1", 0, 4, 1 << 20, Endpoints.of(capped))) {
            HttpResponse<String> response =
                    fixture.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + small.port() + DATA + RANGE))
                            .build());
            assertEquals(400, response.statusCode());
            assertEquals(
                    "query error: too many points [requested=240, maxRawPoints=100]; narrow the time range"
                            + " or use a larger point width",
                    response.body());
        }
    }

    @Test
    void givenStoreNotOpenYet_whenQueried_thenServiceUnavailableUntilItIs() throws Exception {
        AtomicReference<io.qss.store.api.TimeSeriesStore> store = new AtomicReference<>();
        RestApi starting = new RestApi(store::get, fixture.access, 100_000, "rest", ZoneId.of("UTC"));
        try (HttpListener early = HttpListener.start("early", "127.0.0.1", 0, 4, 1 << 20, Endpoints.of(starting))) {
            URI uri = URI.create("http://127.0.0.1:" + early.port() + DATA + RANGE);
            HttpResponse<String> response =
                    fixture.send(HttpRequest.newBuilder(uri).build());
            assertEquals(503, response.statusCode());
            assertEquals("query error: the store is not open yet; try again shortly", response.body());

            store.set(fixture.store);
            assertEquals(200, fixture.send(HttpRequest.newBuilder(uri).build()).statusCode());
        }
    }
}
