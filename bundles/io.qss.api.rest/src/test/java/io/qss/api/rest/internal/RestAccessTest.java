// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import static io.qss.api.rest.internal.TestData.PRIVATE;
import static io.qss.api.rest.internal.TestData.RAW_END;
import static io.qss.api.rest.internal.TestData.RAW_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Access control on the CSV endpoints (the query suite covers raw, windows, nearest and bracket). */
class RestAccessTest {

    private static final String RANGE = "?starttime=" + RAW_START + "&endtime=" + RAW_END + "&unitoftime=ns&pw=30";
    private static RestFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new RestFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void givenAnonymousCaller_whenDirectCsvOfAStreamOutsidePublic_thenHeaderOnly() throws Exception {
        HttpResponse<String> response = fixture.post("/directcsv", body(30), null);
        assertEquals(200, response.statusCode());
        assertEquals("Time[ns],Time,P(cnt),P(min),P(mean),P(max)\n", response.body());
    }

    @Test
    void givenKeyWithTheTag_whenDirectCsv_thenRows() throws Exception {
        HttpResponse<String> response = fixture.post("/directcsv", body(30), fixture.labReader);
        assertEquals(
                "Time[ns],Time,P(cnt),P(min),P(mean),P(max)\n"
                        + "1474321946471563264,2016-09-19 21:52:26.471,1,7200.000000,7200.000000,7200.000000\n"
                        + "1474321947545305088,2016-09-19 21:52:27.545,4,7194.500000,7196.562500,7198.625000\n",
                response.body());
    }

    @Test
    void givenAnonymousCaller_whenAlignedCsvOrSingleCsvOfAStreamOutsidePublic_thenNoSuchStream() throws Exception {
        String aligned = "{\"UUIDS\":[\"" + PRIVATE + "\"],\"Labels\":[\"P\"],\"StartTime\":" + RAW_START
                + ",\"EndTime\":" + RAW_END + ",\"UnitofTime\":\"ns\",\"WindowWidth\":1000000000}";
        assertEquals(
                "Stream " + PRIVATE + " does not exist",
                fixture.post("/alignedcsv", aligned, null).body());
        assertTrue(
                fixture.post("/alignedcsv", aligned, fixture.labReader).body().startsWith("Time[ns],Time,P(cnt)"));
        assertEquals(
                "query error: No such stream",
                fixture.get("/csv/uuid/" + PRIVATE + RANGE, null).body());
        assertTrue(fixture.get("/csv/uuid/" + PRIVATE + RANGE, fixture.labReader)
                .body()
                .endsWith(",4\n"));
    }

    private static String body(int pw) {
        return "{\"UUIDS\":[\"" + PRIVATE + "\"],\"Labels\":[\"P\"],\"StartTime\":" + RAW_START + ",\"EndTime\":"
                + RAW_END + ",\"UnitofTime\":\"ns\",\"PointWidth\":" + pw + "}";
    }
}
