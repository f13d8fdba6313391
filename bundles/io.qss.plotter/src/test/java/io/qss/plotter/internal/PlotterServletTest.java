// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import static io.qss.api.rest.internal.TestData.C1ANG;
import static io.qss.api.rest.internal.TestData.DAY_POINTS;
import static io.qss.api.rest.internal.TestData.DAY_START;
import static io.qss.api.rest.internal.TestData.L1MAG;
import static io.qss.api.rest.internal.TestData.MINUTE;
import static io.qss.api.rest.internal.TestData.MISSING;
import static io.qss.api.rest.internal.TestData.PRIVATE;
import static io.qss.api.rest.internal.TestData.RAW_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.query.CsvExport;
import io.qss.query.MultiStreamCsv;
import io.qss.store.api.Version;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlotterServletTest {

    private static PlotterFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new PlotterFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static Document json(HttpResponse<String> response) {
        String body = response.body();
        return Document.parse(body.startsWith("[") ? "{\"list\": " + body + "}" : body);
    }

    private static List<String> paths(HttpResponse<String> response) {
        List<String> paths = new ArrayList<>();
        for (Document stream : json(response).getList("list", Document.class)) {
            paths.add(stream.getString("path"));
        }
        return paths;
    }

    @Test
    void anonymousSeesPublicStreamsOnlyWithUnits() throws Exception {
        PlotterFixture.Browser browser = fixture.browser();
        Document session = json(browser.get("/api/session"));
        assertNull(session.get("user"));
        assertEquals(List.of("public"), session.getList("tags", String.class));
        Document settings = session.get("settings", Document.class);
        assertEquals(2.0, settings.getDouble("wheelZoomStep"), "the page's wheel notch");
        assertEquals(16.0, settings.getDouble("wheelZoomStepFast"), "the page's notch with Shift");
        HttpResponse<String> streams = browser.get("/api/streams");
        assertEquals(200, streams.statusCode());
        List<String> paths = paths(streams);
        assertTrue(paths.contains("/upmu/soda_b/L1MAG"), paths.toString());
        assertFalse(paths.contains("/lab/bench/L1MAG"), paths.toString());
        assertEquals(paths.stream().sorted().toList(), paths, "sorted by path");
    }

    @Test
    void loginShowsTheUsersDomainAndLogoutHidesItAgain() throws Exception {
        PlotterFixture.Browser browser = fixture.browser();
        assertEquals(401, browser.login("alice", "wrong").statusCode());
        HttpResponse<String> login = browser.login("alice", "secret");
        assertEquals(200, login.statusCode(), login.body());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        assertEquals("alice", json(browser.get("/api/session")).getString("user"));
        assertTrue(paths(browser.get("/api/streams")).contains("/lab/bench/L1MAG"));
        assertEquals(
                200,
                browser.get(dataUrl(PRIVATE, RAW_START, RAW_START + 1_000_000_000L, 20))
                        .statusCode());

        json(browser.post("/api/logout", ""));
        assertNull(json(browser.get("/api/session")).get("user"));
        assertFalse(paths(browser.get("/api/streams")).contains("/lab/bench/L1MAG"));
    }

    @Test
    void aUserWithoutTheTagCanNeitherSeeNorQueryARestrictedStream() throws Exception {
        PlotterFixture.Browser bob = fixture.browser();
        assertEquals(200, bob.login("bob", "hunter2").statusCode());
        assertFalse(paths(bob.get("/api/streams")).contains("/lab/bench/L1MAG"));
        long end = RAW_START + 1_000_000_000L;
        assertEquals(403, bob.get(dataUrl(PRIVATE, RAW_START, end, 20)).statusCode());
        assertEquals(403, bob.get("/api/streams/" + PRIVATE).statusCode());
        assertEquals(403, bob.get("/api/bracket?uuid=" + PRIVATE).statusCode());
        assertEquals(403, bob.get(csvUrl(RAW_START, end, 20, PRIVATE)).statusCode());
        assertEquals(404, bob.get("/api/streams/" + MISSING).statusCode());
    }

    @Test
    void dataAnswersTheStoresAlignedWindowsRoundedOutward() throws Exception {
        int pw = 36;
        long start = DAY_START + 1000;
        long end = DAY_START + 100 * MINUTE + 7;
        HttpResponse<String> response = fixture.browser().get(dataUrl(L1MAG, start, end, pw));
        assertEquals(200, response.statusCode(), response.body());
        Document data = json(response);
        long alignedStart = (start >> pw) << pw;
        long alignedEnd = ((end >> pw) << pw) + (1L << pw);
        assertEquals(Long.toString(alignedStart), data.getString("start"));
        assertEquals(Long.toString(alignedEnd), data.getString("end"));
        List<Double> expectedTimes = new ArrayList<>();
        List<Long> expectedCounts = new ArrayList<>();
        List<Double> expectedMeans = new ArrayList<>();
        fixture.store.alignedWindows(L1MAG, alignedStart, alignedEnd, pw, Version.LATEST, (t, lo, mean, hi, n) -> {
            if (n > 0) {
                expectedTimes.add(t / 1e6);
                expectedCounts.add(n);
                expectedMeans.add(mean);
            }
            return true;
        });
        assertFalse(expectedTimes.isEmpty());
        assertEquals(
                expectedTimes,
                data.getList("times", Number.class).stream()
                        .map(Number::doubleValue)
                        .toList());
        assertEquals(
                expectedCounts,
                data.getList("count", Number.class).stream()
                        .map(Number::longValue)
                        .toList());
        assertEquals(
                expectedMeans,
                data.getList("mean", Number.class).stream()
                        .map(Number::doubleValue)
                        .toList());
        assertEquals(expectedTimes.size(), data.getList("min", Number.class).size());
        assertEquals(expectedTimes.size(), data.getList("max", Number.class).size());
    }

    @Test
    void binaryColumnsHoldWhatTheJsonAnswerHolds() throws Exception {
        String url = dataUrl(L1MAG, DAY_START, DAY_START + 100 * MINUTE, 30);
        Document data = json(fixture.browser().get(url));
        HttpResponse<byte[]> response = fixture.browser()
                .http
                .send(
                        HttpRequest.newBuilder(URI.create(fixture.base() + url + "&format=f64"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals(
                "application/octet-stream",
                response.headers().firstValue("Content-Type").orElseThrow());
        ByteBuffer body = ByteBuffer.wrap(response.body()).order(ByteOrder.LITTLE_ENDIAN);
        int n = body.getInt();
        assertEquals(0, body.getInt(), "padding");
        assertEquals(data.getList("times", Number.class).size(), n);
        assertEquals(8 + 5 * 8 * n, response.body().length);
        for (String column : List.of("times", "min", "mean", "max", "count")) {
            List<Double> expected = data.getList(column, Number.class).stream()
                    .map(Number::doubleValue)
                    .toList();
            List<Double> actual = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                actual.add(body.getDouble());
            }
            assertEquals(expected, actual, column);
        }
    }

    @Test
    void badDataRequestsGetClearErrors() throws Exception {
        PlotterFixture.Browser browser = fixture.browser();
        assertError(browser.get("/api/data?uuid=" + L1MAG + "&start=1&end=2"), 400, "missing parameter [name=pw]");
        assertError(browser.get(dataUrl(L1MAG, 10, 5, 3)), 400, "end must be after start");
        assertError(browser.get("/api/data?uuid=" + L1MAG + "&start=1&end=2&pw=63"), 400, "0..62");
        assertError(browser.get("/api/data?uuid=nope&start=1&end=2&pw=3"), 400, "not a UUID [uuid=nope]");
        assertError(browser.get("/api/data?uuid=" + L1MAG + "&start=x&end=2&pw=3"), 400, "[start=x]");
        assertError(
                browser.get(dataUrl(L1MAG, 0, (PlotterFixture.MAX_WINDOWS + 1) << 10, 10)), 400, "too many windows");
        assertError(browser.get(dataUrl(MISSING, 0, 100, 3)), 404, "no such stream");
        assertError(
                browser.get(dataUrl(L1MAG, 0, 100, 3) + "&format=csv"),
                400,
                "unknown format; use json or f64 [format=csv]");
        assertError(browser.get(dataUrl(MISSING, 0, 100, 3) + "&format=f64"), 404, "no such stream");
        assertError(browser.get("/api/nothing"), 404, "no such API call");
        assertError(browser.post("/api/login", "{not json"), 400, "not a JSON object");
    }

    @Test
    void bracketGivesFirstAndLastOfEachStreamAndMerged() throws Exception {
        HttpResponse<String> response = fixture.browser().get("/api/bracket?uuid=" + L1MAG + "&uuid=" + C1ANG);
        assertEquals(200, response.statusCode(), response.body());
        Document bracket = json(response);
        Document l1 = bracket.get("streams", Document.class).get(L1MAG.toString(), Document.class);
        assertEquals(Long.toString(RAW_START), l1.getString("first"));
        assertEquals(Long.toString(DAY_START + (DAY_POINTS - 1) * MINUTE), l1.getString("last"));
        assertEquals(Long.toString(RAW_START), bracket.getString("first"));
        assertEquals(l1.getString("last"), bracket.getString("last"));
    }

    @Test
    void streamInfoGivesUuidPathUnitAndFirstAndLast() throws Exception {
        Document info = json(fixture.browser().get("/api/streams/" + C1ANG));
        assertEquals(C1ANG.toString(), info.getString("uuid"));
        assertEquals("/upmu/soda_b/C1ANG", info.getString("path"));
        assertEquals("upmu/soda_b", info.getString("collection"));
        assertEquals(Long.toString(RAW_START + 1_000_000_000L), info.getString("first"));
        assertNotNull(info.getString("last"));
        assertNotNull(info.get("tags", Document.class));
    }

    @Test
    void permalinkRoundTrip() throws Exception {
        PlotterFixture.Browser browser = fixture.browser();
        String view = "{\"streams\": [\"" + L1MAG + "\"], \"start\": \"" + RAW_START + "\", \"end\": \"" + DAY_START
                + "\", \"zone\": \"Europe/Paris\", \"axes\": [{\"unit\": \"V\", \"min\": 1.5}]}";
        HttpResponse<String> saved = browser.post("/api/permalinks", view);
        assertEquals(200, saved.statusCode(), saved.body());
        String id = json(saved).getString("id");
        assertTrue(id.matches("[0-9a-f]{24}"), id);
        Document loaded = json(fixture.browser().get("/api/permalinks/" + id));
        assertEquals(
                Document.parse(
                        view.replace("\"axes\": [{\"unit\": \"V\", \"min\": 1.5}]", "\"axes\": [{\"unit\": \"V\"}]")),
                loaded,
                "a min without a max is no range: answered as auto");
        assertNotNull(
                fixture.database.getCollection("permalinks").find().first().getDate("lastAccessed"));
        assertError(browser.get("/api/permalinks/0123456789abcdef01234567"), 404, "no such permalink");
        assertError(browser.get("/api/permalinks/zzz"), 404, "no such permalink");
        assertError(browser.post("/api/permalinks", "{\"start\": 1}"), 400, "list of streams");
        assertError(
                browser.post("/api/permalinks", "{\"streams\": [\"" + "x".repeat(17_000) + "\"]}"), 413, "too large");
    }

    @Test
    void givenStoredAxesWithNullOrInvertedRanges_whenLoaded_thenTheyAreAutoAndGoodRangesStay() throws Exception {
        PlotterFixture.Browser browser = fixture.browser();
        String view =
                "{\"streams\": [\"" + L1MAG + "\"], \"axes\": [{\"unit\": \"V\", \"side\": \"auto\", \"min\": null,"
                        + " \"max\": null}, {\"unit\": \"A\", \"side\": \"left\", \"min\": 5, \"max\": 2},"
                        + " {\"unit\": \"Hz\", \"side\": \"right\", \"min\": 59.99, \"max\": 60.01}]}";
        String id = json(browser.post("/api/permalinks", view)).getString("id");
        Document stored = fixture.database
                .getCollection("permalinks")
                .find(new Document("_id", new ObjectId(id)))
                .first()
                .get("permalinkData", Document.class);
        assertEquals(Document.parse(view), stored, "stored as sent");
        List<Document> axes = json(browser.get("/api/permalinks/" + id)).getList("axes", Document.class);
        assertEquals(
                List.of(
                        new Document("unit", "V").append("side", "auto"),
                        new Document("unit", "A").append("side", "left"),
                        new Document("unit", "Hz")
                                .append("side", "right")
                                .append("min", 59.99)
                                .append("max", 60.01)),
                axes);
    }

    @Test
    void csvIsTheDirectCsvExportOfTheSelectedStreams() throws Exception {
        long start = DAY_START;
        long end = DAY_START + 30 * MINUTE;
        int pw = 34;
        HttpResponse<String> response =
                fixture.browser().get(csvUrl(start, end, pw, L1MAG, C1ANG) + "&label=Voltage&zone=UTC");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(
                "attachment; filename=\"data.csv\"",
                response.headers().firstValue("Content-Disposition").orElse(""));
        StringWriter expected = new StringWriter();
        new MultiStreamCsv(
                        fixture.store,
                        CsvExport.aligned(
                                List.of(L1MAG, C1ANG),
                                List.of("Voltage", "/upmu/soda_b/C1ANG"),
                                start,
                                end,
                                pw,
                                ZoneOffset.UTC))
                .writeLatest(expected);
        assertEquals(expected.toString(), response.body());
        assertTrue(
                response.body()
                        .startsWith("Time[ns],Time,Voltage(cnt),Voltage(min),Voltage(mean),Voltage(max),"
                                + "/upmu/soda_b/C1ANG(cnt)"),
                response.body().lines().findFirst().orElse(""));

        assertError(
                fixture.browser().get(csvUrl(0, (PlotterFixture.CSV_MAX_ROWS + 10) << 20, 20, L1MAG)),
                400,
                "CSV export too large");
        assertError(
                fixture.browser().get(csvUrl(start, end, pw, L1MAG) + "&zone=Mars/Olympus"), 400, "unknown time zone");
    }

    @Test
    void csvWithMetadataPrependsCommentLinesDescribingEachColumn() throws Exception {
        long start = DAY_START;
        long end = DAY_START + 30 * MINUTE;
        int pw = 34;
        String url = csvUrl(start, end, pw, L1MAG, C1ANG) + "&label=Voltage&zone=UTC";
        HttpResponse<String> plain = fixture.browser().get(url + "&metadata=false");
        HttpResponse<String> response = fixture.browser().get(url + "&metadata=true");
        assertEquals(200, response.statusCode(), response.body());
        List<String> lines = response.body().lines().toList();
        List<String> comments =
                lines.stream().takeWhile(line -> line.startsWith("#")).toList();
        assertEquals(5, comments.size(), response.body());
        assertTrue(
                comments.get(1).contains("start=" + start + " ns")
                        && comments.get(1).contains("end=" + end + " ns"),
                comments.get(1));
        assertTrue(comments.get(2).contains("pw=34") && comments.get(2).contains("17179869184 ns"), comments.get(2));
        assertEquals(
                "# column 1: label=Voltage, uuid=" + L1MAG + ", path=/upmu/soda_b/L1MAG, unit="
                        + fixture.store.stream(L1MAG).orElseThrow().tags().getOrDefault("unit", ""),
                comments.get(3));
        assertTrue(
                comments.get(4)
                        .startsWith("# column 2: label=/upmu/soda_b/C1ANG, uuid=" + C1ANG
                                + ", path=/upmu/soda_b/C1ANG, unit="),
                comments.get(4));
        // after the comments, the export without metadata, byte for byte
        String rest = String.join("\n", lines.subList(comments.size(), lines.size()));
        assertEquals(String.join("\n", plain.body().lines().toList()), rest);
        assertTrue(rest.startsWith("Time[ns],Time,Voltage(cnt)"), rest);

        HttpResponse<String> newline =
                fixture.browser().get(csvUrl(start, end, pw, L1MAG) + "&label=a%0Ab&metadata=true");
        assertTrue(newline.body().contains("label=a b, uuid="), newline.body());
        HttpResponse<String> formula = fixture.browser()
                .get(csvUrl(start, end, pw, L1MAG, C1ANG) + "&label=x%2C%3Dcmd()&label=%3DSUM(A1)&metadata=true");
        assertTrue(
                formula.body().contains("\n# column 1: label=x;=cmd(), uuid="),
                "no user comma splits a comment line into cells: " + formula.body());
        assertTrue(formula.body().contains("\nTime[ns],Time,\"x,=cmd()(cnt)\",\"x,=cmd()(min)\","), formula.body());
        assertTrue(
                formula.body().contains(",'=SUM(A1)(cnt),'=SUM(A1)(min),'=SUM(A1)(mean),'=SUM(A1)(max)\n"),
                formula.body());
        assertError(fixture.browser().get(url + "&metadata=yes"), 400, "not true or false");
    }

    @Test
    void passwordChangeNeedsTheOldPassword() throws Exception {
        fixture.access.putAccount("carol", "first", Set.of());
        PlotterFixture.Browser carol = fixture.browser();
        assertError(
                carol.post("/api/password", "{\"oldPassword\": \"first\", \"newPassword\": \"second\"}"),
                401,
                "log in");
        assertEquals(200, carol.login("carol", "first").statusCode());
        assertError(
                carol.post("/api/password", "{\"oldPassword\": \"nope\", \"newPassword\": \"second\"}"),
                401,
                "current password is wrong");
        assertError(
                carol.post("/api/password", "{\"oldPassword\": \"first\", \"newPassword\": \"\"}"),
                400,
                "new password is empty");
        assertEquals(
                200,
                carol.post("/api/password", "{\"oldPassword\": \"first\", \"newPassword\": \"second\"}")
                        .statusCode());
        assertEquals(401, fixture.browser().login("carol", "first").statusCode());
        assertEquals(200, fixture.browser().login("carol", "second").statusCode());
    }

    @Test
    void repeatedWrongPasswordsAreRefusedForAWhile() throws Exception {
        fixture.access.putAccount("mallory", "right", Set.of());
        PlotterFixture.Browser guesser = fixture.browser();
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertEquals(401, guesser.login("mallory", "guess" + i).statusCode());
        }
        assertError(guesser.login("mallory", "right"), 429, "too many failed logins; try again in 300 s");
        assertEquals(401, fixture.browser().login("bob", "nope").statusCode(), "other names are not affected");

        fixture.clock.advance(Duration.ofSeconds(LoginThrottle.WINDOW_SECONDS + 1));
        assertEquals(200, guesser.login("mallory", "right").statusCode());
        assertEquals(401, guesser.login("mallory", "guess").statusCode(), "a success clears the failures");
        assertEquals(200, guesser.login("mallory", "right").statusCode());
    }

    @Test
    void sessionsSurviveARestartAndEndWithTheAccount() throws Exception {
        fixture.access.putAccount("dave", "pw", Set.of("lab"));
        PlotterFixture.Browser dave = fixture.browser();
        HttpResponse<String> login = dave.login("dave", "pw");
        String token = sessionToken(login);
        assertEquals("dave", fixture.sessions().caller(token).orElseThrow().name(), "a new plotter knows the token");

        fixture.access.removeAccount("dave");
        fixture.clock.advance(Duration.ofSeconds(10));
        assertNull(json(dave.get("/api/session")).get("user"), "removed account: anonymous again");
        assertTrue(fixture.sessions().caller(token).isEmpty());
    }

    @Test
    void sessionsExpireAfterTheirIdleTime() throws Exception {
        PlotterFixture.Browser bob = fixture.browser();
        HttpResponse<String> login = bob.login("bob", "hunter2");
        String token = sessionToken(login);
        Sessions sessions = fixture.sessions();
        assertTrue(sessions.caller(token).isPresent());
        fixture.clock.advance(Duration.ofSeconds(3601));
        assertTrue(sessions.caller(token).isEmpty());
    }

    @Test
    void usageGaugeAndTheDiskGuardNotice() throws Exception {
        Document usage = json(fixture.browser().get("/api/usage"));
        assertTrue(
                usage.getString("text").matches("\\d+% used \\([0-9.]+ [KMGTP]?i?B of [0-9.]+ [KMGTP]?i?B\\)"),
                usage.getString("text"));
        assertTrue(usage.getBoolean("accepting"));
        assertNull(usage.get("notice"));
        fixture.isAccepting.set(false);
        try {
            usage = json(fixture.browser().get("/api/usage"));
            assertFalse(usage.getBoolean("accepting"));
            assertEquals("No longer accepting new data", usage.getString("notice"));
        } finally {
            fixture.isAccepting.set(true);
        }
    }

    @Test
    void staticFilesAreServedCompressedWithETags() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fixture.base() + "/web/uplot/uPlot.iife.min.js"))
                .header("Accept-Encoding", "gzip")
                .build();
        HttpResponse<byte[]> response = fixture.browser().http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(""));
        assertTrue(response.headers()
                .firstValue("Content-Security-Policy")
                .orElse("")
                .startsWith("default-src 'self'"));
        String script = new String(
                new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(script.contains("uPlot"));
        String etag = response.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = fixture.browser()
                .http
                .send(
                        HttpRequest.newBuilder(URI.create(fixture.base() + "/web/uplot/uPlot.iife.min.js"))
                                .header("If-None-Match", etag)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode());
        assertEquals(404, fixture.browser().get("/web/../PlotterServlet.class").statusCode());
        assertEquals(404, fixture.browser().get("/web/nothing.js").statusCode());
    }

    @Test
    void thePageLinksItsScriptsByVersionSoBrowsersKeepThemWithoutAsking() throws Exception {
        HttpResponse<String> page = fixture.browser().get("/");
        assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(""));
        Matcher link =
                Pattern.compile("src=\"(/web/app\\.js)\\?v=([0-9a-f]{24})\"").matcher(page.body());
        assertTrue(link.find(), "the page links app.js with its version");
        assertTrue(page.body().contains("href=\"/web/plotter.css?v="), "stylesheets too");
        HttpResponse<String> pinned = fixture.browser().get(link.group(1) + "?v=" + link.group(2));
        assertEquals(200, pinned.statusCode());
        assertEquals(
                "public, max-age=31536000, immutable",
                pinned.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(
                "\"" + link.group(2) + "\"", pinned.headers().firstValue("ETag").orElse(""));
        for (String other : List.of(link.group(1), link.group(1) + "?v=000000000000000000000000")) {
            HttpResponse<String> checked = fixture.browser().get(other);
            assertEquals(200, checked.statusCode(), other);
            assertEquals(
                    "no-cache", checked.headers().firstValue("Cache-Control").orElse(""), other);
            assertEquals(pinned.body(), checked.body(), other);
        }
    }

    @Test
    void theIconIsServedAtItsLinkAndAtTheAddressBrowsersGuess() throws Exception {
        for (String path : List.of("/web/favicon.svg", "/favicon.ico")) {
            HttpResponse<String> icon = fixture.browser().get(path);
            assertEquals(200, icon.statusCode(), path);
            assertEquals(
                    "image/svg+xml", icon.headers().firstValue("Content-Type").orElse(""), path);
            assertTrue(icon.body().startsWith("<svg"), path);
        }
        assertTrue(fixture.browser().get("/").body().contains("<link rel=\"icon\" href=\"/web/favicon.svg\""));
    }

    /** The session token a login answer sets in the cookie. */
    private static String sessionToken(HttpResponse<String> login) {
        return login.headers()
                .firstValue("Set-Cookie")
                .orElseThrow()
                .split(";")[0]
                .split("=", 2)[1];
    }

    private static void assertError(HttpResponse<String> response, int status, String fragment) {
        assertEquals(status, response.statusCode(), response.body());
        String error = json(response).getString("error");
        assertTrue(error.contains(fragment), error);
    }

    private static String dataUrl(UUID uuid, long start, long end, int pw) {
        return "/api/data?uuid=" + uuid + "&start=" + start + "&end=" + end + "&pw=" + pw;
    }

    private static String csvUrl(long start, long end, int pw, UUID... uuids) {
        StringBuilder url = new StringBuilder("/api/csv?start=" + start + "&end=" + end + "&pw=" + pw);
        for (UUID uuid : uuids) {
            url.append("&uuid=").append(uuid);
        }
        return url.toString();
    }
}
