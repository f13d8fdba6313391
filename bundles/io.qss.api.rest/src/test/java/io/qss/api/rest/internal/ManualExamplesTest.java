// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.api.rest.internal.JsonBody.Num;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The curl examples of the manual's §17.1 (BTrDB REST API examples), sent as curl sends them: {@code -X POST -d}
 * is a form-encoded POST with the body as written, {@code -X GET} a plain GET; the jq filters shown are applied to
 * the parsed answers.
 */
class ManualExamplesTest {

    private static final String UUID = "f0896731-0e43-4ed5-a97f-19266d8e732c";
    private static RestFixture fixture;
    private static String server;

    @BeforeAll
    static void start() throws Exception {
        fixture = new RestFixture();
        server = fixture.base();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void givenServer_whenCurlStatus_thenOk() throws Exception {
        // curl $SERVER/status
        HttpResponse<String> response = curl("GET", server + "/status", null);
        assertEquals("OK", response.body());
    }

    @Test
    void givenStream_whenCurlBracket_thenBracketsAndMerged() throws Exception {
        // curl -X POST $SERVER/q/bracket -d '{"UUIDS": ["'$UUID'"]}' | jq
        HttpResponse<String> response = curl("POST", server + "/q/bracket", "{\"UUIDS\": [\"" + UUID + "\"]}");
        Map<?, ?> json = (Map<?, ?>) JsonBody.parse(response.body());
        List<?> bracket = (List<?>) ((List<?>) json.get("Brackets")).get(0);
        assertEquals(List.of(bracket.get(0), bracket.get(1)), json.get("Merged"));
        assertEquals(String.valueOf(TestData.RAW_START), ((Num) bracket.get(0)).text());
    }

    @Test
    void givenManualStatisticalQuery_whenCurlGet_thenTwoDailyRecordsAndJqCounts() throws Exception {
        // STIME=1477100329040881700 ETIME=1477186729034743600 PW=46
        // PARAMS="starttime=$STIME&endtime=$ETIME&unitoftime=ns&pw=$PW"; curl -X GET "$SERVER/data/uuid/$UUID?$PARAMS"
        String params = "starttime=1477100329040881700&endtime=1477186729034743600&unitoftime=ns&pw=46";
        HttpResponse<String> response = curl("GET", server + "/data/uuid/" + UUID + "?" + params, null);
        assertEquals(200, response.statusCode());
        Map<?, ?> first = (Map<?, ?>) ((List<?>) JsonBody.parse(response.body())).get(0);
        List<?> readings = (List<?>) first.get("XReadings");
        assertEquals(2, readings.size());
        // The manual's second record starts [1477110309033, 345024, ...]: the same aligned window.
        List<?> second = (List<?>) readings.get(1);
        assertEquals("1477110309033", ((Num) second.get(0)).text());
        assertEquals("345024", ((Num) second.get(1)).text());
        // jq .[0].XReadings[][5]: the number of values per record.
        long counts = readings.stream()
                .mapToLong(r -> Long.parseLong(((Num) ((List<?>) r).get(5)).text()))
                .sum();
        long expected = QuerySuite.aligned(QuerySuite.l1mag(), 1477100329040881700L, 1477186729034743600L, 46).stream()
                .mapToLong(io.qss.store.api.StatPoint::count)
                .sum();
        assertEquals(expected, counts);
        assertTrue(first.containsKey("version"));
    }

    @Test
    void givenManualDirectCsv_whenCurlPost_thenCsvAttachment() throws Exception {
        // curl -X POST $SERVER/directcsv -d '{ "UUIDS":["'$UUID'"], "Labels": ["ClANG"], "StartTime": '"$STIME"',
        //   "EndTime": '"$ETIME"', "UnitofTime": "ns", "PointWidth": 46 }' > file.csv
        String body = "{\n        \"UUIDS\":[\"" + UUID + "\"],\n        \"Labels\": [\"ClANG\"],\n"
                + "        \"StartTime\": 1477100329040881700,\n        \"EndTime\": 1477186729034743600,\n"
                + "        \"UnitofTime\": \"ns\",\n        \"PointWidth\": 46\n}";
        HttpResponse<String> response = curl("POST", server + "/directcsv", body);
        assertEquals(200, response.statusCode());
        String[] lines = response.body().split("\n");
        assertEquals("Time[ns],Time,ClANG(cnt),ClANG(min),ClANG(mean),ClANG(max)", lines[0]);
        assertEquals(3, lines.length);
        assertTrue(lines[2].startsWith("1477110309033345024,"));
    }

    @Test
    void givenManualRawQuery_whenCurlGet_thenEveryPointOfTheHour() throws Exception {
        // STIME=1474321947545300000 ETIME=1474326345591810000
        // PARAMS="starttime=$STIME&endtime=$ETIME&unitoftime=ns"; curl -X GET "$SERVER/data/uuid/$UUID?$PARAMS"
        String params = "starttime=1474321947545300000&endtime=1474326345591810000&unitoftime=ns";
        HttpResponse<String> response = curl("GET", server + "/data/uuid/" + UUID + "?" + params, null);
        Map<?, ?> first = (Map<?, ?>) ((List<?>) JsonBody.parse(response.body())).get(0);
        assertEquals(TestData.RAW_POINTS, ((List<?>) first.get("Readings")).size());
        assertEquals(Map.of("UnitofTime", "ns"), first.get("Properties"));
    }

    /** A request as curl sends it ({@code -d} implies a form content type). */
    private static HttpResponse<String> curl(String method, String url, String data) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).header("Accept", "*/*").header("User-Agent", "curl/7.88.1");
        if (data == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(data));
        }
        return fixture.send(request.build());
    }
}
