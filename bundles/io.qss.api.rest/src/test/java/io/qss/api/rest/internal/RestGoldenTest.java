// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import static io.qss.api.rest.internal.TestData.C1ANG;
import static io.qss.api.rest.internal.TestData.DAY_END;
import static io.qss.api.rest.internal.TestData.DAY_START;
import static io.qss.api.rest.internal.TestData.L1MAG;
import static io.qss.api.rest.internal.TestData.MISSING;
import static io.qss.api.rest.internal.TestData.PERIOD;
import static io.qss.api.rest.internal.TestData.RAW_START;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whole responses compared byte for byte with checked-in files under {@code src/test/resources/golden/}. Run with
 * {@code -Dqss.golden.update=true} to rewrite them (then review the diff).
 */
class RestGoldenTest {

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
    void givenRawRangeInNs_whenQueried_thenGoldenReadings() throws Exception {
        assertGolden(
                "raw_ns.json",
                fixture.get(
                        "/data/uuid/" + L1MAG + "?starttime=" + RAW_START + "&endtime=" + (RAW_START + 20 * PERIOD)
                                + "&unitoftime=ns",
                        null));
    }

    @Test
    void givenRawRangeWithoutUnit_whenQueried_thenMillisecondsTruncated() throws Exception {
        long startMs = RAW_START / 1_000_000;
        assertGolden(
                "raw_ms.json",
                fixture.get(
                        "/data/uuid/urn:uuid:" + L1MAG + "?starttime=" + startMs + "&endtime=" + (startMs + 60), null));
    }

    @Test
    void givenManualStatisticalQuery_whenQueried_thenGoldenXReadings() throws Exception {
        assertGolden(
                "pw46.json",
                fixture.get(
                        "/data/uuid/" + L1MAG + "?starttime=" + DAY_START + "&endtime=" + DAY_END
                                + "&unitoftime=ns&pw=46",
                        null));
        assertGolden(
                "pw42.json",
                fixture.get(
                        "/data/uuid/" + L1MAG + "?starttime=" + DAY_START + "&endtime=" + DAY_END
                                + "&unitoftime=ns&pw=42",
                        null));
    }

    @Test
    void givenWindowQueryStartingBeforeData_whenQueried_thenHolesAreCountZeroRows() throws Exception {
        long hour = 3_600_000_000_000L;
        assertGolden(
                "win.json",
                fixture.get(
                        "/data/uuid/" + L1MAG + "?starttime=" + (DAY_START - 2 * hour) + "&endtime="
                                + (DAY_START + 6 * hour) + "&unitoftime=ns&win=" + hour,
                        null));
    }

    @Test
    void givenSingleStreamCsv_whenQueried_thenGoldenCsv() throws Exception {
        assertGolden(
                "csv_uuid.csv",
                fixture.get(
                        "/csv/uuid/" + L1MAG + "?starttime=" + RAW_START + "&endtime=" + (RAW_START + 1_000_000_000L)
                                + "&unitoftime=ns&pw=27",
                        null));
    }

    @Test
    void givenDirectCsvOfTwoStreamsAndAMissingOne_whenQueried_thenGoldenCsvWithEmptyColumns() throws Exception {
        HttpResponse<String> response = fixture.post("/directcsv", directBody(), null);
        assertEquals(
                "attachment; filename=\"quasar_results.csv\"",
                response.headers().firstValue("Content-Disposition").orElseThrow());
        assertGolden("directcsv.csv", response);
    }

    @Test
    void givenWrappedCsv_whenQueried_thenSameAsDirectCsv() throws Exception {
        String form = "body=" + URLEncoder.encode(directBody(), StandardCharsets.UTF_8);
        assertGolden("directcsv.csv", fixture.post("/wrappedcsv", form, null));
    }

    @Test
    void givenDirectCsvOverSparseData_whenQueried_thenTimeOnlyRowsForEmptyWindows() throws Exception {
        assertGolden(
                "directcsv_gaps.csv",
                fixture.post(
                        "/directcsv",
                        "{\"UUIDS\":[\"" + L1MAG
                                + "\"],\"Labels\":[\"L1MAG\"],\"StartTime\":" + DAY_START + ",\"EndTime\":"
                                + (DAY_START + 300_000_000_000L) + ",\"UnitofTime\":\"ns\",\"PointWidth\":34}",
                        null));
    }

    @Test
    void givenAlignedCsv_whenQueried_thenExactWindowsGolden() throws Exception {
        assertGolden(
                "alignedcsv.csv",
                fixture.post(
                        "/alignedcsv",
                        "{\"UUIDS\":[\"" + L1MAG + "\",\"" + C1ANG
                                + "\"],\"Labels\":[\"L1MAG\",\"C1ANG\"],\"StartTime\":" + RAW_START + ",\"EndTime\":"
                                + (RAW_START + 3_000_000_000L) + ",\"UnitofTime\":\"ns\",\"WindowWidth\":500000000}",
                        null));
    }

    @Test
    void givenBracketOfTwoStreamsAndAMissingOne_whenQueried_thenGoldenBrackets() throws Exception {
        assertGolden(
                "bracket.json",
                fixture.post(
                        "/q/bracket",
                        "{\"UUIDS\": [\"" + L1MAG + "\", \"" + C1ANG + "\", \"" + MISSING + "\"]}",
                        null));
    }

    @Test
    void givenNearest_whenQueriedBothWays_thenGoldenText() throws Exception {
        HttpResponse<String> forward = fixture.get("/q/nearest/" + L1MAG + "?time=" + (RAW_START + 1), null);
        HttpResponse<String> backward =
                fixture.get("/q/nearest/" + L1MAG + "?time=" + (RAW_START + PERIOD) + "&backwards=true", null);
        assertEquals(200, forward.statusCode());
        assertEquals(200, backward.statusCode());
        assertGolden("nearest.txt", forward.body() + "\n" + backward.body() + "\n");
    }

    private static String directBody() {
        return "{\"UUIDS\":[\"" + L1MAG + "\",\"" + C1ANG + "\",\"" + MISSING + "\"],"
                + "\"Labels\":[\"L1MAG\",\"C1ANG\",\"NONE\"],\"StartTime\":" + RAW_START + ",\"EndTime\":"
                + (RAW_START + 3_000_000_000L) + ",\"UnitofTime\":\"ns\",\"PointWidth\":27}";
    }

    private static void assertGolden(String name, HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        assertGolden(name, response.body());
    }

    static void assertGolden(String name, String actual) throws Exception {
        if (Boolean.getBoolean("qss.golden.update")) {
            Path file = Path.of("src/test/resources/golden", name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        try (InputStream in = RestGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new AssertionError("golden file missing [name=" + name + "]; run with -Dqss.golden.update=true");
            }
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, name);
        }
    }
}
