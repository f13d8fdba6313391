// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qss.dat.DatCodecs;
import io.qss.dat.DatColumns;
import io.qss.dat.DatStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.support.ui.Select;

/**
 * The web plotter in headless Chromium against the running distribution with uPMU data sent by the simulator:
 * login, the stream tree, zoom (the point width follows and only missing windows are fetched), a permalink
 * opened in a fresh browser, CSV export checked against the sent files, and domain tags hiding a device.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlotterBrowserIT {

    private static final long START = PlotterItData.START;

    /**
     * Deleted once the class ran (a distribution with its data is about 160 MB). Static, so it is there for the
     * {@code @BeforeAll} method: JUnit injects an instance field only before each test.
     */
    @TempDir
    static Path dir;

    private Distribution qss;
    private final Map<String, byte[][]> sent = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    /** path -> uuid of every stream, as the tag-holding user alice sees them. */
    private Map<String, String> uuids;

    @BeforeAll
    void startWithData() throws Exception {
        assumeTrue(HeadlessChromium.isInstalled(), "no Chromium at " + HeadlessChromium.CHROMIUM);
        qss = Distribution.unpack(dir);
        qss.start();
        sent.putAll(PlotterItData.sendUpmuData(qss));
        qss.consoleOk("plotter:adduser bob bob-pw");
        uuids = streams(login("alice", "alice-pw"));
    }

    @AfterAll
    void stop() throws Exception {
        if (qss != null) {
            qss.close();
        }
    }

    @Test
    void givenAnonymousVisitor_whenLoggingInWithTheTag_thenRestrictedDeviceAppearsAndItsDataIsServed()
            throws Exception {
        String beta = uuids.get("/upmu/beta/L1MAG");
        assertEquals(403, dataStatus(null, beta), "anonymous data of a restricted stream");
        assertEquals(403, dataStatus(login("bob", "bob-pw"), beta), "data for a user without the tag");
        assertFalse(streams(login("bob", "bob-pw")).containsKey("/upmu/beta/L1MAG"));
        assertEquals(200, dataStatus(login("alice", "alice-pw"), beta));

        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/");
            assertTrue(
                    browser.driver.findElement(By.id("usage-text")).getText().matches("\\d+% used \\(.+ of .+\\)"),
                    "usage gauge");
            assertEquals(List.of("/upmu/alpha/C1ANG"), paths(browser, "C1ANG"), "anonymous tree");
            logIn(browser, "bob", "bob-pw");
            assertEquals(List.of("/upmu/alpha/C1ANG"), paths(browser, "C1ANG"), "tree of a user without lab");
            logOut(browser);
            logIn(browser, "alice", "alice-pw");
            assertEquals(List.of("/upmu/alpha/C1ANG", "/upmu/beta/C1ANG"), paths(browser, "C1ANG"), "tree of alice");
            tick(browser, "/upmu/beta/L1MAG");
            browser.await(d -> legendPaths(browser).equals(List.of("/upmu/beta/L1MAG")), "beta plotted");
            browser.await(d -> windowsShown(browser) > 0, "beta data drawn");
            WebElement message = browser.driver.findElement(By.id("message"));
            assertFalse(message.getAttribute("class").contains("error"), "error shown: " + message.getText());
            logOut(browser);
            browser.await(d -> paths(browser, "C1ANG").equals(List.of("/upmu/alpha/C1ANG")), "beta gone after logout");
            assertEquals(List.of(), legendPaths(browser), "beta is no longer plotted");
        }
    }

    @Test
    void givenAReadableAndARestrictedStream_whenAskedTogether_thenTheReadableOneIsStillCachedAndTheOtherRefused()
            throws Exception {
        String alpha = uuids.get("/upmu/alpha/L1MAG");
        String beta = uuids.get("/upmu/beta/L1MAG");
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/");
            // anonymous: the one request for both is refused for beta, then each stream is asked alone
            Map<?, ?> answer = (Map<?, ?>) browser.async(
                    "const [alpha, beta, start, end] = arguments; const p = window.qssPlotter;"
                            + "const before = p.fetches.length;"
                            + "const failed = await p.cache.ensure([alpha, beta], start, end, 30);"
                            + "return {failed: failed.map((f) => f.uuid + ' ' + f.error.status),"
                            + " windows: p.cache.slice(alpha, start, end, 30).times.length,"
                            + " requests: p.fetches.slice(before).map((f) => f.uuids.join(','))};",
                    alpha,
                    beta,
                    START * 1000.0,
                    (START + 180) * 1000.0);
            assertEquals(List.of(beta + " 403"), answer.get("failed"), answer.toString());
            assertTrue(((Number) answer.get("windows")).intValue() > 0, "alpha's windows cached: " + answer);
            assertEquals(List.of(alpha + "," + beta, alpha, beta), answer.get("requests"));
        }
    }

    @Test
    void givenTheTree_whenStreamInfoOpenedAndTheDiskGuardTrips_thenUuidAndNoticeAreShown() throws Exception {
        String alpha = uuids.get("/upmu/alpha/L1MAG");
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/");
            WebElement filter = browser.driver.findElement(By.id("tree-filter"));
            filter.sendKeys("/upmu/alpha/L1MAG");
            By info = By.cssSelector("#tree [data-path='/upmu/alpha/L1MAG'] [data-testid=stream-info]");
            browser.await(d -> d.findElements(info).size() == 1, "info button of /upmu/alpha/L1MAG");
            browser.driver.findElement(info).click();
            By uuid = By.cssSelector("input[data-testid=info-uuid]");
            browser.await(
                    d -> !d.findElements(uuid).isEmpty()
                            && alpha.equals(d.findElement(uuid).getAttribute("value")),
                    "the stream's UUID in its info");
            String text = browser.driver.findElement(By.id("info-dialog")).getText();
            assertTrue(text.contains("/upmu/alpha/L1MAG") && text.contains("upmu/alpha"), text);
            assertFalse(browser.driver.findElement(By.id("usage-notice")).isDisplayed(), "no notice while accepting");
        }

        qss.appendConfig("etc/io.qss.receiver.cfg", "diskGuardPercent = 0.1\n");
        try {
            try (HeadlessChromium browser = new HeadlessChromium()) {
                browser.await(
                        d -> {
                            browser.open(qss.plotterUrl() + "/");
                            return d.findElement(By.id("usage-notice")).isDisplayed();
                        },
                        "notice once the disk guard trips");
                assertEquals(
                        "No longer accepting new data",
                        browser.driver.findElement(By.id("usage-notice")).getText());
            }
        } finally {
            qss.removeFromConfig("etc/io.qss.receiver.cfg", "diskGuardPercent = 0.1");
        }
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.await(
                    d -> {
                        browser.open(qss.plotterUrl() + "/");
                        return !d.findElement(By.id("usage-notice")).isDisplayed();
                    },
                    "notice gone once the disk guard recovers");
        }
    }

    @Test
    void givenTwoStreamsTicked_whenZooming_thenPointWidthFollowsAndOnlyMissingWindowsAreFetched() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/");
            tick(browser, "/upmu/alpha/L1MAG");
            tick(browser, "/upmu/alpha/C1MAG");
            browser.await(d -> legendPaths(browser).size() == 2 && windowsShown(browser) > 0, "two streams drawn");
            assertEquals(
                    2, browser.driver.findElements(By.cssSelector(".u-axis")).size() - 1, "one y axis per unit");
            long wide = pw(browser);
            int fetches = fetchCount(browser);

            // drag a box over the middle tenth of the plot
            WebElement over = browser.driver.findElement(By.cssSelector("#chart .u-over"));
            int width = over.getSize().getWidth();
            new Actions(browser.driver)
                    .moveToElement(over, -width / 20, 0)
                    .clickAndHold()
                    .moveByOffset(width / 10, 0)
                    .release()
                    .perform();
            browser.await(d -> pw(browser) < wide, "finer point width after the box zoom");
            browser.async("await window.qssPlotter.setRange(...window.qssPlotter.range());");
            long boxed = pw(browser);
            assertTrue(wide - boxed >= 3, "a tenth of the range is at least three pw finer: " + wide + " -> " + boxed);
            assertTrue(fetchCount(browser) > fetches, "the finer windows were fetched");
            assertTrue(newFetches(browser, fetches).stream().allMatch(p -> p == boxed), "fetched at the new pw");

            // one wheel gesture (several events) zooms out around the cursor with one fetch per stream
            int beforeWheel = fetchCount(browser);
            double[] before = range(browser);
            WheelInput.ScrollOrigin origin = WheelInput.ScrollOrigin.fromElement(over);
            Actions wheel = new Actions(browser.driver, Duration.ofMillis(10)); // events as close as a real wheel's
            for (int i = 0; i < 6; i++) {
                wheel.scrollFromOrigin(origin, 0, 120);
            }
            wheel.perform();
            browser.await(d -> pw(browser) > boxed, "coarser after wheeling out");
            double[] after = range(browser);
            assertTrue(after[1] - after[0] > 2 * (before[1] - before[0]), "wheel zoomed out");
            Thread.sleep(500);
            // One gesture settles once (one run per stream and side) when its events come as fast as a wheel's; a
            // starved browser may see pauses longer than the settle time between them and draw in between. Either
            // way, no point width is fetched twice.
            List<Long> wheelFetches = newFetches(browser, beforeWheel);
            Map<Long, Long> runsPerPw =
                    wheelFetches.stream().collect(Collectors.groupingBy(p -> p, Collectors.counting()));
            assertTrue(
                    runsPerPw.values().stream().allMatch(runs -> runs <= 2 * 2),
                    "at most one run per stream and side at each point width: " + wheelFetches);

            // back to the same view: everything comes from the cache
            int cached = fetchCount(browser);
            browser.async("await window.qssPlotter.setRange(arguments[0], arguments[1]);", before[0], before[1]);
            assertEquals(boxed, pw(browser));
            assertEquals(cached, fetchCount(browser), "a view seen before needs no request");

            browser.driver.findElement(By.id("reset-zoom")).click();
            browser.await(d -> pw(browser) == wide, "reset zoom returns to the first view");
        }
    }

    @Test
    void givenAView_whenPermalinkOpenedInAFreshBrowser_thenSameStreamsRangeAndZone() throws Exception {
        List<String> streams = List.of(uuids.get("/upmu/alpha/L2MAG"), uuids.get("/upmu/alpha/L2ANG"));
        long startMs = START * 1000 + 30_000;
        String url;
        List<?> range;
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/");
            browser.async("await window.qssPlotter.select(arguments[0]);", streams);
            browser.async("await window.qssPlotter.setRange(arguments[0], arguments[1]);", startMs, startMs + 20_000);
            new Select(browser.driver.findElement(By.id("zone"))).selectByValue("America/Los_Angeles");
            browser.driver.findElement(By.id("permalink-button")).click();
            url = browser.await(
                    d -> {
                        String v = d.findElement(By.id("permalink-url")).getAttribute("value");
                        return v.isEmpty() ? null : v;
                    },
                    "permalink shown");
            range = (List<?>) browser.js("return window.qssPlotter.range();");
        }
        assertTrue(url.matches(Pattern.quote(qss.plotterUrl()) + "/\\?permalink=[0-9a-f]{24}"), url);
        try (HeadlessChromium fresh = new HeadlessChromium()) {
            fresh.open(url);
            assertEquals(streams, fresh.js("return window.qssPlotter.selected();"));
            List<?> restored = (List<?>) fresh.js("return window.qssPlotter.range();");
            assertEquals(((Number) range.get(0)).doubleValue(), ((Number) restored.get(0)).doubleValue(), 1e-3);
            assertEquals(((Number) range.get(1)).doubleValue(), ((Number) restored.get(1)).doubleValue(), 1e-3);
            assertEquals("America/Los_Angeles", fresh.js("return window.qssPlotter.zone();"));
            fresh.await(
                    d -> legendPaths(fresh).equals(List.of("/upmu/alpha/L2MAG", "/upmu/alpha/L2ANG"))
                            && windowsShown(fresh) > 0,
                    "permalink streams drawn");
        }
    }

    @Test
    void givenAPlottedStream_whenCursorsAreShownAndOneIsDragged_thenTheReadoutShowsTheirDifference() throws Exception {
        long startMs = START * 1000;
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/");
            browser.async("await window.qssPlotter.select(arguments[0]);", List.of(uuids.get("/upmu/alpha/L1MAG")));
            browser.async("await window.qssPlotter.setRange(arguments[0], arguments[1]);", startMs, startMs + 120_000);
            browser.driver.findElement(By.id("cursors-button")).click();
            By t2 = By.cssSelector("#chart [data-testid=cursor-t2]");
            browser.await(
                    d -> d.findElement(By.id("cursor-readout")).isDisplayed()
                            && d.findElement(t2).isDisplayed(),
                    "cursors shown");
            // placed at a third and two thirds of the view: 40 s apart
            assertEquals(
                    "40.0 s",
                    browser.driver
                            .findElement(By.cssSelector("[data-testid=cursor-dt]"))
                            .getText());
            assertEquals(
                    "0.025 Hz",
                    browser.driver
                            .findElement(By.cssSelector("[data-testid=cursor-freq]"))
                            .getText());
            assertTrue(
                    browser.driver
                            .findElement(By.cssSelector("[data-testid=cursor-value1]"))
                            .getText()
                            .matches("-?[\\d.e+-]+ V"),
                    "value with its unit");

            // drag the second time cursor left by a sixth of the plot: 20 s
            WebElement over = browser.driver.findElement(By.cssSelector("#chart .u-over"));
            int width = over.getSize().getWidth();
            double before = cursorTime(browser, 1);
            int fetches = fetchCount(browser);
            new Actions(browser.driver)
                    .moveToElement(browser.driver.findElement(t2))
                    .clickAndHold()
                    .moveByOffset(-width / 6, 0)
                    .release()
                    .perform();
            browser.await(d -> cursorTime(browser, 1) < before - 15_000, "second cursor dragged left");
            double dt = cursorTime(browser, 1) - cursorTime(browser, 0);
            assertEquals(20_000, dt, 1_000, "dragged by a sixth of 120 s");
            String shown = browser.driver
                    .findElement(By.cssSelector("[data-testid=cursor-dt]"))
                    .getText();
            assertTrue(shown.endsWith(" s"), shown);
            assertEquals(dt / 1000, Double.parseDouble(shown.replace(" s", "")), 0.06, shown);
            String hz = browser.driver
                    .findElement(By.cssSelector("[data-testid=cursor-freq]"))
                    .getText();
            assertEquals(1000 / dt, Double.parseDouble(hz.replace(" Hz", "")), 1e-4, hz);
            assertEquals(fetches, fetchCount(browser), "no request for a cursor");
            assertEquals(
                    List.of(startMs * 1.0, startMs + 120_000.0),
                    List.of(range(browser)[0], range(browser)[1]),
                    "dragging a cursor neither zooms nor pans");

            // cursors stay on their data when zooming; a cursor outside the view is hidden
            double first = cursorTime(browser, 0);
            browser.async(
                    "await window.qssPlotter.setRange(arguments[0], arguments[1]);", first - 1_000, first + 1_000);
            assertEquals(first, cursorTime(browser, 0), 1e-6);
            assertTrue(browser.driver
                    .findElement(By.cssSelector("#chart [data-testid=cursor-t1]"))
                    .isDisplayed());
            assertFalse(browser.driver.findElement(t2).isDisplayed(), "the second cursor left the view");

            browser.driver.findElement(By.id("cursors-button")).click();
            assertFalse(browser.driver.findElement(By.id("cursor-readout")).isDisplayed(), "readout hidden");
            assertEquals(null, browser.js("return window.qssPlotter.cursors();"));
        }
    }

    @Test
    void givenCursors_whenNowLastAndOldPermalinksAreOpened_thenTheirWindowsEndNowAtTheNewestDataAndAsSaved()
            throws Exception {
        String l1 = uuids.get("/upmu/alpha/L1MAG");
        long startMs = START * 1000;
        String now;
        String last;
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/");
            browser.async("await window.qssPlotter.select(arguments[0]);", List.of(l1));
            browser.async("await window.qssPlotter.setRange(arguments[0], arguments[1]);", startMs, startMs + 60_000);
            browser.js(
                    "window.qssPlotter.setCursors({times: [arguments[0], arguments[1]], values: [119, 121],"
                            + " unit: 'V'});",
                    startMs + 10_000,
                    startMs + 20_000);
            browser.driver.findElement(By.id("permalink-button")).click();
            String fixed = permalinkUrl(browser, null);
            Select type = new Select(browser.driver.findElement(By.id("permalink-type")));
            Select span = new Select(browser.driver.findElement(By.id("permalink-span")));
            type.selectByValue("now");
            span.selectByValue("3600000");
            now = permalinkUrl(browser, fixed);
            type.selectByValue("last");
            span.selectByValue("60000");
            last = permalinkUrl(browser, now);
        }
        String stored = get("/api/permalinks/" + now.substring(now.lastIndexOf('=') + 1), null)
                .body()
                .replace(" ", "");
        assertTrue(stored.contains("\"window\":{\"type\":\"now\",\"span\":3600000}"), stored);
        assertTrue(stored.contains("\"cursors\":{"), stored);

        try (HeadlessChromium fresh = new HeadlessChromium()) {
            long opened = System.currentTimeMillis();
            fresh.open(now);
            double[] range = range(fresh);
            assertEquals(3_600_000, range[1] - range[0], 0.01, "the last hour");
            assertTrue(
                    range[1] >= opened - 1_000 && range[1] <= System.currentTimeMillis() + 1_000,
                    "ends when opened: " + range[1]);
            // the time cursors keep their place in the moved window: 50 s and 40 s before its end
            assertEquals(50_000, range[1] - cursorTime(fresh, 0), 1);
            assertEquals(40_000, range[1] - cursorTime(fresh, 1), 1);
            assertEquals(List.of(119L, 121L), fresh.js("return window.qssPlotter.cursors().values;"));
            assertEquals(
                    "10.0 s",
                    fresh.driver
                            .findElement(By.cssSelector("[data-testid=cursor-dt]"))
                            .getText());
            assertEquals(
                    "2 V",
                    fresh.driver
                            .findElement(By.cssSelector("[data-testid=cursor-dy]"))
                            .getText());
        }
        try (HeadlessChromium fresh = new HeadlessChromium()) {
            fresh.open(last);
            String bracket = get("/api/bracket?uuid=" + l1, null).body().replace(" ", "");
            Matcher m = Pattern.compile("\"last\":\"(\\d+)\"\\}$").matcher(bracket);
            assertTrue(m.find(), bracket);
            double newest = Long.parseLong(m.group(1)) / 1e6;
            double[] range = range(fresh);
            assertEquals(newest, range[1], 0.01, "ends at the newest point");
            assertEquals(60_000, range[1] - range[0], 0.01, "the last minute of data");
            fresh.await(d -> windowsShown(fresh) > 0, "the last minute drawn");
        }

        // a permalink stored before window types existed opens its fixed range
        HttpResponse<String> saved = http.send(
                HttpRequest.newBuilder(URI.create(qss.plotterUrl() + "/api/permalinks"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"streams\":[\"" + l1 + "\"],\"start\":\"" + startMs * 1_000_000L + "\",\"end\":\""
                                        + (startMs + 30_000) * 1_000_000L + "\",\"zone\":\"UTC\",\"axes\":[]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, saved.statusCode(), saved.body());
        Matcher id = Pattern.compile("\"id\":\\s*\"([0-9a-f]{24})\"").matcher(saved.body());
        assertTrue(id.find(), saved.body());
        try (HeadlessChromium fresh = new HeadlessChromium()) {
            fresh.open(qss.plotterUrl() + "/?permalink=" + id.group(1));
            double[] range = range(fresh);
            assertEquals(startMs, range[0], 0.01);
            assertEquals(startMs + 30_000, range[1], 0.01);
            assertEquals(null, fresh.js("return window.qssPlotter.cursors();"), "no cursors stored, none shown");
        }
    }

    @Test
    void givenPlottedStreams_whenExportingCsv_thenHeaderAndWindowsMatchTheSentFiles() throws Exception {
        String l1 = uuids.get("/upmu/alpha/L1MAG");
        String c1 = uuids.get("/upmu/alpha/C1MAG");
        long startMs = START * 1000;
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/");
            browser.async("await window.qssPlotter.select(arguments[0]);", List.of(l1, c1));
            browser.async("await window.qssPlotter.setRange(arguments[0], arguments[1]);", startMs, startMs + 120_000);
            browser.driver.findElement(By.id("csv-button")).click();
            int pw = 30; // windows of about 1.07 s
            new Select(browser.driver.findElement(By.id("csv-pw"))).selectByValue(Integer.toString(pw));
            WebElement label = browser.driver
                    .findElements(By.cssSelector("[data-testid=csv-label]"))
                    .get(1);
            label.clear();
            label.sendKeys("current");
            String href = browser.driver.findElement(By.id("csv-download")).getAttribute("href");
            Cookie session = browser.driver.manage().getCookieNamed("qss_session");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(href));
            if (session != null) {
                request.header("Cookie", "qss_session=" + session.getValue());
            }
            HttpResponse<String> csv = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, csv.statusCode(), csv.body());
            List<String> lines = csv.body().lines().toList();

            browser.driver.findElement(By.id("csv-metadata")).click();
            String withMetadata =
                    browser.driver.findElement(By.id("csv-download")).getAttribute("href");
            assertTrue(withMetadata.endsWith("&metadata=true"), withMetadata);
            HttpRequest.Builder described = HttpRequest.newBuilder(URI.create(withMetadata));
            if (session != null) {
                described.header("Cookie", "qss_session=" + session.getValue());
            }
            List<String> commented = http.send(described.build(), HttpResponse.BodyHandlers.ofString())
                    .body()
                    .lines()
                    .toList();
            List<String> comments =
                    commented.stream().takeWhile(line -> line.startsWith("#")).toList();
            assertEquals(5, comments.size(), String.join("\n", comments));
            assertTrue(comments.get(2).contains("pw=30"), comments.get(2));
            assertEquals("# column 2: label=current, uuid=" + c1 + ", path=/upmu/alpha/C1MAG, unit=A", comments.get(4));
            assertEquals(lines, commented.subList(comments.size(), commented.size()), "then the export as without");

            assertEquals(
                    "Time[ns],Time,/upmu/alpha/L1MAG(cnt),/upmu/alpha/L1MAG(min),/upmu/alpha/L1MAG(mean),"
                            + "/upmu/alpha/L1MAG(max),current(cnt),current(min),current(mean),current(max)",
                    lines.get(0));
            assertWindows(lines.subList(1, lines.size()), pw, startMs * 1_000_000L, (startMs + 120_000) * 1_000_000L);
        }
    }

    /**
     * Each CSV row equals count, min, mean and max of the decoded points of its window, and every window with points
     * that lies wholly in [start, end) has its row.
     */
    private void assertWindows(List<String> rows, int pw, long start, long end) throws Exception {
        List<DatColumns> decoded = new ArrayList<>();
        for (byte[] f : sent.get("P3500000")) {
            decoded.add(DatCodecs.decoder().decodeColumns(f, "sent"));
        }
        long width = 1L << pw;
        List<Long> times = new ArrayList<>();
        for (String row : rows) {
            String[] f = row.split(",");
            long w = Long.parseLong(f[0]);
            times.add(w);
            assertEquals(0, Math.floorMod(w, width), "aligned window " + row);
            double[][] stats = {
                stats(decoded, DatStream.L1MAG, w, w + width), stats(decoded, DatStream.C1MAG, w, w + width)
            };
            for (int s = 0; s < 2; s++) {
                assertEquals((long) stats[s][0], Long.parseLong(f[2 + 4 * s]), "count " + row);
                assertEquals(stats[s][1], Double.parseDouble(f[3 + 4 * s]), 1e-4, "min " + row);
                assertEquals(stats[s][2], Double.parseDouble(f[4 + 4 * s]), 1e-4, "mean " + row);
                assertEquals(stats[s][3], Double.parseDouble(f[5 + 4 * s]), 1e-4, "max " + row);
            }
        }
        for (long w = Math.floorDiv(start, width) * width; w + width <= end; w += width) {
            if (stats(decoded, DatStream.L1MAG, w, w + width)[0] > 0) {
                assertTrue(times.contains(w), "row of window " + w);
            }
        }
        assertTrue(rows.size() > 100, "rows: " + rows.size());
    }

    private static double[] stats(List<DatColumns> files, DatStream stream, long from, long to) {
        double count = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (DatColumns c : files) {
            for (int i = 0; i < c.size(); i++) {
                if (c.times()[i] >= from && c.times()[i] < to) {
                    double v = c.values(stream)[i];
                    count++;
                    sum += v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return new double[] {count, min, count == 0 ? 0 : sum / count, max};
    }

    // ---- page helpers ----

    private static void logIn(HeadlessChromium browser, String user, String password) {
        browser.driver.findElement(By.id("login-button")).click();
        browser.driver.findElement(By.id("login-user")).sendKeys(user);
        browser.driver.findElement(By.id("login-password")).sendKeys(password);
        browser.driver.findElement(By.id("login-submit")).click();
        browser.await(d -> user.equals(d.findElement(By.id("account-user")).getText()), "logged in as " + user);
        browser.await(d -> !d.findElement(By.id("login-dialog")).isDisplayed(), "login dialog closed");
    }

    private static void logOut(HeadlessChromium browser) {
        browser.driver.findElement(By.id("account-menu-button")).click();
        browser.driver.findElement(By.id("logout-button")).click();
        browser.await(d -> d.findElement(By.id("account-user")).getText().isEmpty(), "logged out");
    }

    /** Paths of the tree's streams whose path ends with {@code suffix}, all folders opened through the filter. */
    private static List<String> paths(HeadlessChromium browser, String suffix) {
        WebElement filter = browser.driver.findElement(By.id("tree-filter"));
        filter.clear();
        filter.sendKeys(suffix);
        browser.await(
                d -> suffix.toLowerCase().equals(d.findElement(By.id("tree")).getAttribute("data-filter")),
                "filter applied");
        List<String> paths = browser.driver.findElements(By.cssSelector("#tree [data-testid=stream]")).stream()
                .map(e -> e.getAttribute("data-path"))
                .filter(p -> p.endsWith("/" + suffix))
                .toList();
        filter.clear();
        browser.js("document.getElementById('tree-filter').dispatchEvent(new Event('input'))");
        return paths;
    }

    private static void tick(HeadlessChromium browser, String path) {
        WebElement filter = browser.driver.findElement(By.id("tree-filter"));
        filter.clear();
        filter.sendKeys(path);
        By box = By.cssSelector("#tree [data-path='" + path + "'] [data-testid=stream-check]");
        browser.await(d -> d.findElements(box).size() == 1, "stream in the tree: " + path);
        browser.driver.findElement(box).click();
        filter.clear();
        browser.js("document.getElementById('tree-filter').dispatchEvent(new Event('input'))");
    }

    private static List<String> legendPaths(HeadlessChromium browser) {
        return browser.driver.findElements(By.cssSelector("#legend .legend-path")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static long windowsShown(HeadlessChromium browser) {
        Matcher m = Pattern.compile("([\\d,]+) windows")
                .matcher(browser.driver.findElement(By.id("view-info")).getText());
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 0;
    }

    private static long pw(HeadlessChromium browser) {
        String pw = browser.driver.findElement(By.id("view-info")).getAttribute("data-pw");
        return pw == null || pw.isEmpty() ? -1 : Long.parseLong(pw);
    }

    private static int fetchCount(HeadlessChromium browser) {
        return ((Number) browser.js("return window.qssPlotter.fetches.length;")).intValue();
    }

    private static List<Long> newFetches(HeadlessChromium browser, int from) {
        List<?> pws =
                (List<?>) browser.js("return window.qssPlotter.fetches.slice(arguments[0]).map(f => f.pw);", from);
        return pws.stream().map(p -> ((Number) p).longValue()).toList();
    }

    /** Time (ms) of time cursor {@code i}. */
    private static double cursorTime(HeadlessChromium browser, int i) {
        return ((Number) browser.js("return window.qssPlotter.cursors().times[arguments[0]];", i)).doubleValue();
    }

    /** The permalink dialog's URL once it is saved and differs from {@code previous}. */
    private static String permalinkUrl(HeadlessChromium browser, String previous) {
        return browser.await(
                d -> {
                    String v = d.findElement(By.id("permalink-url")).getAttribute("value");
                    return v.isEmpty() || v.equals(previous) ? null : v;
                },
                "permalink shown");
    }

    private static double[] range(HeadlessChromium browser) {
        List<?> r = (List<?>) browser.js("return window.qssPlotter.range();");
        return new double[] {((Number) r.get(0)).doubleValue(), ((Number) r.get(1)).doubleValue()};
    }

    // ---- HTTP helpers ----

    /** Logs in over the API; the session cookie ({@code qss_session=...}). */
    private String login(String user, String password) throws Exception {
        return PlotterItData.login(http, qss, user, password);
    }

    private Map<String, String> streams(String cookie) throws Exception {
        return PlotterItData.streams(http, qss, cookie);
    }

    private int dataStatus(String cookie, String uuid) throws Exception {
        long s = START * 1_000_000_000L;
        HttpResponse<String> r =
                get("/api/data?uuid=" + uuid + "&start=" + s + "&end=" + (s + 60_000_000_000L) + "&pw=30", cookie);
        if (r.statusCode() == 403) {
            assertTrue(r.body().contains("\"error\""), r.body());
        } else {
            assertNotEquals("[]", r.body());
        }
        return r.statusCode();
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(qss.plotterUrl() + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
