// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import static io.qss.api.rest.internal.TestData.C1ANG;
import static io.qss.api.rest.internal.TestData.DAY_START;
import static io.qss.api.rest.internal.TestData.EMPTY;
import static io.qss.api.rest.internal.TestData.L1MAG;
import static io.qss.api.rest.internal.TestData.MISSING;
import static io.qss.api.rest.internal.TestData.PRIVATE;
import static io.qss.api.rest.internal.TestData.RAW_START;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.query.CsvExport;
import io.qss.query.MultiStreamCsv;
import java.io.StringWriter;
import java.io.Writer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plotter's way to the CSV layout ({@link MultiStreamCsv} with unknown streams as empty columns, latest version)
 * against {@code POST /directcsv} over the same store: the same bytes, row for row.
 */
class MultiStreamCsvTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
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
    void givenDenseStreamsAnEmptyAndAnUnknownOne_whenWritten_thenSameBytesAsDirectCsv() throws Exception {
        CsvExport request = CsvExport.aligned(
                List.of(L1MAG, C1ANG, PRIVATE, EMPTY, MISSING),
                List.of("L1MAG", "C1ANG", "LAB", "EMPTY", "NONE"),
                RAW_START,
                RAW_START + 3_000_000_000L,
                27,
                UTC);
        assertSameAsRest(request);
    }

    @Test
    void givenSparseDataAndNarrowWindows_whenWritten_thenSameBytesAsDirectCsv() throws Exception {
        assertSameAsRest(
                CsvExport.aligned(List.of(L1MAG), List.of("L1MAG"), DAY_START, DAY_START + 300_000_000_000L, 34, UTC));
        assertSameAsRest(CsvExport.aligned(
                List.of(C1ANG, L1MAG),
                List.of("a", "b"),
                RAW_START + 1_000_000_000L,
                RAW_START + 1_100_000_000L,
                20,
                UTC));
    }

    @Test
    void givenLabelsThatBreakCsvOrStartFormulas_whenWritten_thenEscapedAndSameBytesAsDirectCsv() throws Exception {
        CsvExport request = CsvExport.aligned(
                List.of(L1MAG, C1ANG, L1MAG, C1ANG, L1MAG),
                List.of("=HYPERLINK(\"http://x\")", "a,b", "-2", "@cmd", "line\nbreak"),
                RAW_START,
                RAW_START + 1_000_000_000L,
                27,
                UTC);
        assertSameAsRest(request);
        StringWriter out = new StringWriter();
        write(request, out);
        String header = "Time[ns],Time,"
                + "\"'=HYPERLINK(\"\"http://x\"\")(cnt)\",\"'=HYPERLINK(\"\"http://x\"\")(min)\","
                + "\"'=HYPERLINK(\"\"http://x\"\")(mean)\",\"'=HYPERLINK(\"\"http://x\"\")(max)\","
                + "\"a,b(cnt)\",\"a,b(min)\",\"a,b(mean)\",\"a,b(max)\","
                + "'-2(cnt),'-2(min),'-2(mean),'-2(max),"
                + "'@cmd(cnt),'@cmd(min),'@cmd(mean),'@cmd(max),"
                + "\"line\nbreak(cnt)\",\"line\nbreak(min)\",\"line\nbreak(mean)\",\"line\nbreak(max)\"\n";
        assertTrue(out.toString().startsWith(header), out.toString());
        String firstRow =
                out.toString().substring(header.length()).lines().findFirst().orElseThrow();
        assertTrue(
                firstRow.matches("\\d+,[^,]+((,\\d+(,-?\\d+\\.\\d{6}){3})|,,,,){5}"),
                "data cells stay bare numbers: " + firstRow);
    }

    @Test
    void givenRange_whenEstimated_thenAlignedWindowsFromRoundedStartToEnd() {
        long start = RAW_START + 12_345;
        long end = RAW_START + 3_000_000_000L;
        long expected = Math.floorDiv(end, 1L << 27) - Math.floorDiv(start, 1L << 27);
        assertEquals(expected, estimateRows(request(start, end, 27)));
        assertEquals(1, estimateRows(request(0, 1L << 27, 27)));
        assertEquals(1, estimateRows(request(1, (1L << 27) + 1, 27)), "one window starts in [1, 2^27+1)");
        assertEquals(0, estimateRows(request(5, 5, 0)));
        assertEquals(3, estimateRows(request(Long.MIN_VALUE, Long.MAX_VALUE, 62)));
        assertEquals(Long.MAX_VALUE, estimateRows(request(Long.MIN_VALUE, Long.MAX_VALUE, 0)));
    }

    @Test
    void givenStreamEndingBeforeTheRange_whenWritten_thenRowsStopAtTheDataAndStayWithinTheEstimate() throws Exception {
        // C1ANG's last point is 1.075 s after RAW_START; the range runs a minute.
        CsvExport request =
                CsvExport.aligned(List.of(C1ANG), List.of("C1ANG"), RAW_START, RAW_START + 60_000_000_000L, 27, UTC);
        StringWriter out = new StringWriter();
        long rows = write(request, out);
        assertTrue(rows > 0 && rows < estimateRows(request), rows + " rows");
        assertEquals(rows + 1, out.toString().lines().count());
    }

    private static long write(CsvExport request, Writer out) throws Exception {
        return new MultiStreamCsv(fixture.store, MultiStreamCsv.withoutUnknownStreams(fixture.store, request))
                .writeLatest(out);
    }

    private static long estimateRows(CsvExport request) {
        MultiStreamCsv writer = new MultiStreamCsv(fixture.store, request);
        return writer.rowsUntil(writer.requestedEnd());
    }

    private static CsvExport request(long start, long end, int pointWidth) {
        return CsvExport.aligned(List.of(L1MAG), List.of("L1MAG"), start, end, pointWidth, UTC);
    }

    private static void assertSameAsRest(CsvExport request) throws Exception {
        StringWriter out = new StringWriter();
        long rows = write(request, out);
        byte[] service = out.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> rest = HttpClient.newHttpClient()
                .send(
                        fixture.request("/directcsv", fixture.writer)
                                .POST(HttpRequest.BodyPublishers.ofString(body(request)))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, rest.statusCode(), new String(rest.body(), StandardCharsets.UTF_8));
        assertTrue(rows > 0, "the comparison needs rows");
        assertArrayEquals(rest.body(), service, out.toString());
        long headerBreaks = request.labels().stream()
                        .mapToLong(label -> label.chars().filter(c -> c == '\n').count())
                        .sum()
                * 4;
        assertEquals(rows + 1 + headerBreaks, out.toString().lines().count());
    }

    private static String body(CsvExport request) {
        return "{\"UUIDS\":["
                + request.streams().stream()
                        .map(UUID::toString)
                        .map(MultiStreamCsvTest::quoted)
                        .collect(Collectors.joining(","))
                + "],\"Labels\":["
                + request.labels().stream().map(MultiStreamCsvTest::quoted).collect(Collectors.joining(","))
                + "],\"StartTime\":"
                + request.start() + ",\"EndTime\":" + request.end() + ",\"UnitofTime\":\"ns\",\"PointWidth\":"
                + request.pointWidth() + "}";
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
