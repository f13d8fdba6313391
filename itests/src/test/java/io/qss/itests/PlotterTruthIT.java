// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * What the web plotter draws and says is true, checked on the canvas pixels in headless Chromium against the
 * running distribution: axes left on auto keep their streams drawn (also from permalinks stored with null ranges),
 * an outage is no line and no range, tick labels of a 1 mHz range differ, messages do not outlive their cause, the
 * range band, many streams' colours and legend, and the PNG export.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlotterTruthIT {

    private static final long START = PlotterItData.START;
    /** alpha sends three files back to back; gamma the same two minutes, then nothing for three, then two more. */
    private static final long[] ALPHA_FILES = {0, 60, 120};

    private static final long[] GAMMA_FILES = {0, 60, 300, 360};

    /**
     * Deleted once the class ran (a distribution with its data is about 160 MB). Static, so it is there for the
     * {@code @BeforeAll} method: JUnit injects an instance field only before each test.
     */
    @TempDir
    static Path dir;

    private Distribution qss;
    private final HttpClient http = HttpClient.newHttpClient();
    /** path -> uuid of every stream an anonymous visitor sees. */
    private Map<String, String> uuids;

    @BeforeAll
    void startWithData() throws Exception {
        assumeTrue(HeadlessChromium.isInstalled(), "no Chromium at " + HeadlessChromium.CHROMIUM);
        qss = Distribution.unpack(dir);
        qss.start();
        qss.consoleOk("upmu:add 10.0.0.1 P3500000 alpha; upmu:add 10.0.0.3 P3500002 gamma; upmu:save");
        qss.consoleOk("plotter:adduser carol carol-pw");
        PlotterItData.send(qss, "P3500000", ALPHA_FILES);
        PlotterItData.send(qss, "P3500002", GAMMA_FILES);
        PlotterItData.awaitSynced(qss, Map.of("alpha", ALPHA_FILES.length, "gamma", GAMMA_FILES.length));
        uuids = PlotterItData.streams(http, qss, null);
    }

    @AfterAll
    void stop() throws Exception {
        if (qss != null) {
            qss.close();
        }
    }

    @Test
    void givenTwoUnits_whenAxesAreAppliedOnAutoOrFixedAndBack_thenBothStreamsStayDrawnAndNoNullRangeIsSaved()
            throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/");
            plot(browser, List.of(uuids.get("/upmu/alpha/L1MAG"), uuids.get("/upmu/alpha/C1MAG")), 0, 180_000);
            List<String> colours = legendColours(browser);
            assertBothDrawn(browser, colours, "first draw");

            // all on auto, applied as is: nothing may vanish
            openAxes(browser)
                    .findElement(By.cssSelector("[data-testid=axes-apply]"))
                    .click();
            browser.await(d -> !d.findElement(By.id("axes-dialog")).isDisplayed(), "axes dialog closed");
            assertBothDrawn(browser, colours, "all axes on auto");

            // half a range is refused with a message and the dialog stays open
            // a fixed range twice as tall as the auto one, around it
            List<?> auto = (List<?>)
                    browser.js("const s = window.qssPlotter.chart.plot.scales['u:V'];" + "return [s.min, s.max];");
            double low = ((Number) auto.get(0)).doubleValue();
            double high = ((Number) auto.get(1)).doubleValue();
            String min = Long.toString((long) Math.floor(low - (high - low) / 2));
            String max = Long.toString((long) Math.ceil(high + (high - low) / 2));
            WebElement dialog = openAxes(browser);
            WebElement volts = dialog.findElement(By.cssSelector("#axes-body tr[data-unit='V']"));
            volts.findElement(By.cssSelector("[data-testid=axes-min]")).sendKeys(min);
            dialog.findElement(By.cssSelector("[data-testid=axes-apply]")).click();
            assertTrue(dialog.isDisplayed(), "dialog still open");
            assertTrue(
                    browser.driver.findElement(By.id("axes-error")).getText().contains("unit=V"),
                    browser.driver.findElement(By.id("axes-error")).getText());
            volts.findElement(By.cssSelector("[data-testid=axes-max]")).sendKeys(max);
            dialog.findElement(By.cssSelector("[data-testid=axes-apply]")).click();
            browser.await(d -> !d.findElement(By.id("axes-dialog")).isDisplayed(), "fixed range applied");
            assertBothDrawn(browser, colours, "volts fixed to " + min + ".." + max);
            assertEquals(
                    List.of(Long.parseLong(min), Long.parseLong(max)),
                    browser.js("const s = window.qssPlotter.chart.plot.scales['u:V']; return [s.min, s.max];"));

            // and back to auto
            dialog = openAxes(browser);
            volts = dialog.findElement(By.cssSelector("#axes-body tr[data-unit='V']"));
            volts.findElement(By.cssSelector("[data-testid=axes-min]")).clear();
            volts.findElement(By.cssSelector("[data-testid=axes-max]")).clear();
            dialog.findElement(By.cssSelector("[data-testid=axes-apply]")).click();
            browser.await(d -> !d.findElement(By.id("axes-dialog")).isDisplayed(), "auto applied");
            assertBothDrawn(browser, colours, "volts back on auto");

            browser.driver.findElement(By.id("permalink-button")).click();
            String url = browser.await(
                    d -> {
                        String v = d.findElement(By.id("permalink-url")).getAttribute("value");
                        return v.isEmpty() ? null : v;
                    },
                    "permalink shown");
            String stored = get("/api/permalinks/" + url.substring(url.lastIndexOf('=') + 1))
                    .replace(" ", "");
            assertTrue(stored.contains("\"axes\":[{\"unit\":\"V\",\"side\":\"auto\"}"), stored);
            assertFalse(stored.contains("null"), stored);
        }
    }

    @Test
    void givenAPermalinkStoredWithNullAxisRanges_whenOpened_thenEveryStreamIsDrawn() throws Exception {
        String l1 = uuids.get("/upmu/alpha/L1MAG");
        String c1 = uuids.get("/upmu/alpha/C1MAG");
        long startNs = START * 1_000_000_000L;
        String id = savePermalink("{\"streams\":[\"" + l1 + "\",\"" + c1 + "\"],\"start\":\"" + startNs
                + "\",\"end\":\"" + (startNs + 180_000_000_000L) + "\",\"zone\":\"UTC\",\"axes\":["
                + "{\"unit\":\"V\",\"side\":\"auto\",\"min\":null,\"max\":null},"
                + "{\"unit\":\"A\",\"side\":\"auto\",\"min\":null,\"max\":null}]}");
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/?permalink=" + id);
            browser.await(d -> windowsShown(browser) > 0, "permalink drawn");
            assertBothDrawn(browser, legendColours(browser), "permalink with null axes");
        }
    }

    @Test
    void givenAStreamWithAThreeMinuteOutage_whenPlotted_thenNeitherLineNorRangeCrossesIt() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/");
            plot(browser, List.of(uuids.get("/upmu/gamma/L1MAG")), 0, 420_000);
            // a few pixels inside the outage (120 s .. 300 s), away from the last and first points
            long inGap = colouredPixels(browser, START * 1000 + 125_000, START * 1000 + 295_000);
            long inData = colouredPixels(browser, START * 1000 + 5_000, START * 1000 + 115_000);
            assertTrue(inData > 200, "line and range drawn where there is data: " + inData);
            assertEquals(
                    0,
                    inGap,
                    () -> "nothing of the stream drawn in the outage: "
                            + browser.js(
                                    "const u = window.qssPlotter.chart.plot;"
                                            + "const x0 = Math.round(u.valToPos(arguments[0], 'x', true));"
                                            + "const x1 = Math.round(u.valToPos(arguments[1], 'x', true));"
                                            + "const d = u.ctx.getImageData(x0, u.bbox.top, x1 - x0, u.bbox.height).data;"
                                            + "const found = [];"
                                            + "for (let o = 0; o < d.length && found.length < 8; o += 4) {"
                                            + "  if (Math.max(d[o], d[o + 1], d[o + 2]) - Math.min(d[o], d[o + 1], d[o + 2]) > 40)"
                                            + "    found.push([x0 + (o / 4) % (x1 - x0), Math.floor(o / 4 / (x1 - x0)), d[o], d[o + 1], d[o + 2]]);"
                                            + "}"
                                            + "return JSON.stringify({x0, x1, bbox: u.bbox, found,"
                                            + "  gapMs: window.qssPlotter.chart.gapMs, windowMs: window.qssPlotter.chart.windowMs});",
                                    START * 1000 + 125_000, START * 1000 + 295_000));
        }
    }

    @Test
    void givenAOneMilliUnitRange_whenFixedInTheAxesDialog_thenEveryTickLabelDiffers() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/");
            plot(browser, List.of(uuids.get("/upmu/alpha/L1MAG")), 0, 180_000);
            WebElement dialog = openAxes(browser);
            dialog.findElement(By.cssSelector("[data-testid=axes-min]")).sendKeys("59.9995");
            dialog.findElement(By.cssSelector("[data-testid=axes-max]")).sendKeys("60.0005");
            dialog.findElement(By.cssSelector("[data-testid=axes-apply]")).click();
            browser.await(d -> !d.findElement(By.id("axes-dialog")).isDisplayed(), "range applied");
            List<?> labels = browser.await(
                    d -> {
                        List<?> l = (List<?>) browser.js("return window.qssPlotter.chart.tickLabels('V');");
                        return l.size() >= 3 && l.get(0).toString().startsWith("59.999") ? l : null;
                    },
                    "ticks of the fixed range");
            assertEquals(labels.size(), new HashSet<>(labels).size(), "distinct: " + labels);
            assertTrue(
                    labels.stream().allMatch(l -> l.toString().matches("(59\\.999|60\\.000)\\d+")),
                    "decimals of the step: " + labels);
        }
    }

    @Test
    void givenMessages_whenTheViewIsDrawnOrTimePasses_thenTheyGoAndAnIconIsServed() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/");
            plot(browser, List.of(uuids.get("/upmu/alpha/L1MAG")), -10 * 86_400_000L, -9 * 86_400_000L);
            WebElement message = browser.driver.findElement(By.id("message"));
            assertEquals("No data in this range.", message.getText());
            browser.async(
                    "await window.qssPlotter.setRange(arguments[0], arguments[1]);",
                    START * 1000,
                    START * 1000 + 180_000);
            assertFalse(message.isDisplayed(), "no stale message above the drawn data: " + message.getText());

            browser.driver.findElement(By.id("login-button")).click();
            browser.driver.findElement(By.id("login-user")).sendKeys("carol");
            browser.driver.findElement(By.id("login-password")).sendKeys("carol-pw");
            browser.driver.findElement(By.id("login-submit")).click();
            browser.await(d -> d.findElement(By.id("message")).getText().equals("Logged in as carol."), "login note");
            long shown = System.nanoTime();
            browser.await(d -> !d.findElement(By.id("message")).isDisplayed(), "login note gone");
            assertTrue(System.nanoTime() - shown < Duration.ofSeconds(6).toNanos(), "gone within a few seconds");

            assertEquals(200L, browser.async("return (await fetch('/favicon.ico')).status;"));
            String icon = (String) browser.js("return document.querySelector('link[rel=icon]').href;");
            assertEquals(qss.plotterUrl() + "/web/favicon.svg", icon);
            assertTrue(
                    ((Number) browser.async(
                                            "const i = new Image(); i.src = arguments[0]; await i.decode();"
                                                    + " return i.naturalWidth;",
                                            icon))
                                    .intValue()
                            > 0,
                    "the icon is an image");
        }
    }

    @Test
    void givenNothingPublic_whenAnAnonymousVisitorOpensThePage_thenTheyAreToldTheyCanLogIn() throws Exception {
        qss.consoleOk("plotter:tagconfig public /nothing");
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/");
            String note = browser.driver.findElement(By.id("chart-empty")).getText();
            assertTrue(note.contains("Log in to see the streams your account may read"), note);
            browser.driver.findElement(By.id("login-button")).click();
            browser.driver.findElement(By.id("login-user")).sendKeys("carol");
            browser.driver.findElement(By.id("login-password")).sendKeys("carol-pw");
            browser.driver.findElement(By.id("login-submit")).click();
            browser.await(
                    d -> "carol".equals(d.findElement(By.id("account-user")).getText()), "logged in");
            browser.await(
                    d -> !d.findElement(By.id("chart-empty")).getText().contains("Log in"),
                    "no login note for a logged-in user");
        } finally {
            qss.consoleOk("plotter:tagconfig public /upmu");
        }
    }

    @Test
    void givenAPlottedStream_whenDrawn_thenItsLowestMinIsDrawnStronglyAndTheLastTimeLabelHasRoom() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/");
            plot(browser, List.of(uuids.get("/upmu/alpha/L1MAG")), 0, 180_000);
            // the range's edges are stepped hairlines, so the lowest min (a sag, on real data) is drawn in a strong
            // colour, not only in the faint range column (opacity 0.22: about 50 below white in red for #1f6fd1)
            String colour = legendColours(browser).get(0);
            assertEquals("#1f6fd1", colour);
            Map<?, ?> lowest = (Map<?, ?>) browser.js("const u = window.qssPlotter.chart.plot;"
                    + "const xs = u.data[0], mins = u.data[1];"
                    + "let at = -1;"
                    + "for (let i = 0; i < xs.length; i++) {"
                    + "  if (mins[i] != null && xs[i] >= u.scales.x.min && xs[i] < u.scales.x.max"
                    + "      && (at < 0 || mins[i] < mins[at])) at = i;"
                    + "}"
                    + "const x = Math.round(u.valToPos(xs[at], 'x', true));"
                    + "const y = Math.round(u.valToPos(mins[at], 'u:V', true));"
                    + "const d = u.ctx.getImageData(x - 1, y - 1, 3, 3).data;"
                    + "let darkest = 0;"
                    + "for (let o = 0; o < d.length; o += 4) darkest = Math.max(darkest, 255 - d[o]);"
                    + "return {x, y, darkest};");
            assertTrue(((Number) lowest.get("darkest")).intValue() >= 100, "lowest min drawn strongly: " + lowest);
            // one unit, so no axis on the right: room for half of the last time label
            Number right = (Number) browser.js("const u = window.qssPlotter.chart.plot;"
                    + "return (u.ctx.canvas.width - u.bbox.left - u.bbox.width) / devicePixelRatio;");
            assertTrue(right.doubleValue() >= 30, "right padding " + right);
        }
    }

    @Test
    void givenFourteenStreams_whenPlotted_thenColoursDifferAndTheFoldedLegendLeavesTheChartItsHeight()
            throws Exception {
        List<String> all = uuids.entrySet().stream()
                .filter(e -> e.getKey().matches("/upmu/(alpha|gamma)/[LC]\\d.*"))
                .map(Map.Entry::getValue)
                .sorted()
                .limit(14)
                .toList();
        assertEquals(14, all.size(), uuids.keySet().toString());
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/");
            plot(browser, all.subList(0, 2), 0, 180_000);
            long twoStreams = chartHeight(browser);
            plot(browser, all, 0, 180_000);
            List<String> colours = legendColours(browser);
            assertEquals(14, colours.size());
            assertEquals(14, new HashSet<>(colours).size(), "distinct colours: " + colours);
            for (int i = 0; i < colours.size(); i++) {
                for (int j = 0; j < i; j++) {
                    assertTrue(distance(colours.get(i), colours.get(j)) > 40, colours.get(i) + " vs " + colours.get(j));
                }
            }
            WebElement toggle = browser.driver.findElement(By.cssSelector("[data-testid=legend-toggle]"));
            assertEquals("false", toggle.getAttribute("aria-expanded"), "many streams start folded");
            assertFalse(browser.driver
                    .findElement(By.cssSelector("#legend .legend-row"))
                    .isDisplayed());
            browser.await(
                    d -> chartHeight(browser) >= twoStreams,
                    () -> "the chart keeps its height: " + chartHeight(browser) + " < " + twoStreams);
            toggle.click();
            assertTrue(
                    browser.driver
                            .findElement(By.cssSelector("#legend .legend-row"))
                            .isDisplayed(),
                    "unfolded");
            long legend = ((Number) browser.js("return document.getElementById('legend').offsetHeight;")).longValue();
            long window = ((Number) browser.js("return window.innerHeight;")).longValue();
            assertTrue(legend <= window * 0.22 + 2, "unfolded legend at most 22 % of the window: " + legend);
            assertTrue(chartHeight(browser) >= 240, "chart height " + chartHeight(browser));
        }
    }

    @Test
    void givenCursors_whenTheImageIsSaved_thenItHoldsTitleCursorsAndLegendAroundThePlot() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/");
            plot(browser, List.of(uuids.get("/upmu/alpha/L1MAG"), uuids.get("/upmu/alpha/C1MAG")), 0, 180_000);
            browser.js(
                    "window.qssPlotter.setCursors({times: [arguments[0], arguments[1]], values: [NaN, NaN],"
                            + " unit: 'V'});",
                    START * 1000 + 60_000,
                    START * 1000 + 120_000);
            String colour = legendColours(browser).get(1);
            @SuppressWarnings("unchecked")
            Map<String, Object> png = (Map<String, Object>) browser.async(
                    "let href = null;"
                            + "const click = HTMLAnchorElement.prototype.click;"
                            + "HTMLAnchorElement.prototype.click = function () { href = this.href; };"
                            + "try { document.getElementById('png-button').click(); }"
                            + " finally { HTMLAnchorElement.prototype.click = click; }"
                            + "const image = new Image(); image.src = href; await image.decode();"
                            + "const c = document.createElement('canvas');"
                            + "c.width = image.naturalWidth; c.height = image.naturalHeight;"
                            + "const ctx = c.getContext('2d'); ctx.drawImage(image, 0, 0);"
                            + "const d = ctx.getImageData(0, 0, c.width, c.height).data;"
                            + "const plot = window.qssPlotter.chart.plot.ctx.canvas;"
                            + "const near = (o, rgb) => Math.abs(d[o] - rgb[0]) < 30 && Math.abs(d[o + 1] - rgb[1]) < 30"
                            + "  && Math.abs(d[o + 2] - rgb[2]) < 30;"
                            + "const hex = (h) => { const n = parseInt(h.slice(1), 16); return [n >> 16, (n >> 8) & 255, n & 255]; };"
                            + "const stream = hex(arguments[0]);"
                            + "let cursor = 0, swatch = 0, title = 0;"
                            + "for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) {"
                            + "  const o = (y * c.width + x) * 4;"
                            + "  if (near(o, hex('#b3261e'))) cursor++;"
                            + "  if (near(o, [29, 36, 48]) && y < Math.round(28 * devicePixelRatio)) title++;"
                            + "  if (near(o, stream) && y > c.height - Math.round(40 * devicePixelRatio)) swatch++;"
                            + "}"
                            + "return {width: c.width, height: c.height, plotWidth: plot.width, plotHeight: plot.height,"
                            + "  cursor, title, swatch, href: href.slice(0, 22)};",
                    colour);
            assertEquals("data:image/png;base64,", png.get("href"));
            long height = ((Number) png.get("height")).longValue();
            long plotHeight = ((Number) png.get("plotHeight")).longValue();
            assertEquals(png.get("plotWidth"), png.get("width"));
            // title, two readout lines, the plot, one legend line
            assertTrue(height >= plotHeight + 4 * 18, "room for title, readout and legend: " + png);
            assertTrue(((Number) png.get("cursor")).longValue() > 2 * 200, "two time cursors drawn: " + png);
            assertTrue(((Number) png.get("title")).longValue() > 100, "title text drawn: " + png);
            assertTrue(((Number) png.get("swatch")).longValue() > 50, "legend swatch of " + colour + ": " + png);
        }
    }

    @Test
    void givenTwoStreamsOfOneUnit_whenOneIsGivenItsOwnAxisAndBack_thenAxesFollowAndAPermalinkKeepsIt()
            throws Exception {
        List<String> streams = List.of(uuids.get("/upmu/alpha/L1MAG"), uuids.get("/upmu/alpha/L2MAG"));
        String url;
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/");
            plot(browser, streams, 0, 180_000);
            assertEquals(1, yAxes(browser), "one unit, one shared axis");
            List<String> colours = legendColours(browser);
            chooseAxis(browser, streams.get(1), "own");
            browser.await(d -> yAxes(browser) == 2, "an axis of its own");
            assertEquals(List.of("V", "V #" + streams.get(1)), browser.js("return window.qssPlotter.chart.units;"));
            assertEquals(
                    "V · alpha/L2MAG",
                    browser.js("return window.qssPlotter.chart.axisLabel(arguments[0]);", "V #" + streams.get(1)));
            assertBothDrawn(browser, colours, "on two axes");
            browser.driver.findElement(By.id("permalink-button")).click();
            url = browser.await(
                    d -> {
                        String v = d.findElement(By.id("permalink-url")).getAttribute("value");
                        return v.isEmpty() ? null : v;
                    },
                    "permalink shown");
            browser.driver
                    .findElement(By.cssSelector("#permalink-dialog button[value=close]"))
                    .click();
            chooseAxis(browser, streams.get(1), "shared");
            browser.await(d -> yAxes(browser) == 1, "back on the shared axis");
        }
        String stored = get("/api/permalinks/" + url.substring(url.lastIndexOf('=') + 1))
                .replace(" ", "");
        assertTrue(stored.contains("\"ownAxes\":[\"" + streams.get(1) + "\"]"), stored);
        try (HeadlessChromium fresh = new HeadlessChromium()) {
            fresh.open(url);
            fresh.await(d -> windowsShown(fresh) > 0 && yAxes(fresh) == 2, "the permalink's own axis");
        }
    }

    // ---- page helpers ----

    private static void chooseAxis(HeadlessChromium browser, String uuid, String axis) {
        WebElement dialog = openAxes(browser);
        new Select(dialog.findElement(
                        By.cssSelector("#axes-streams tr[data-uuid='" + uuid + "'] [data-testid=axes-stream-axis]")))
                .selectByValue(axis);
        dialog.findElement(By.cssSelector("[data-testid=axes-apply]")).click();
        browser.await(d -> !d.findElement(By.id("axes-dialog")).isDisplayed(), "axes applied");
    }

    private static long yAxes(HeadlessChromium browser) {
        return browser.driver.findElements(By.cssSelector("#chart .u-axis")).size() - 1;
    }

    private static long chartHeight(HeadlessChromium browser) {
        return ((Number) browser.js("return document.getElementById('chart').clientHeight;")).longValue();
    }

    private static double distance(String a, String b) {
        int x = Integer.parseInt(a.substring(1), 16);
        int y = Integer.parseInt(b.substring(1), 16);
        return Math.sqrt(Math.pow((x >> 16) - (y >> 16), 2)
                + Math.pow(((x >> 8) & 255) - ((y >> 8) & 255), 2)
                + Math.pow((x & 255) - (y & 255), 2));
    }

    /** Plots these streams over [START + fromMs, START + toMs) and waits until drawn. */
    private static void plot(HeadlessChromium browser, List<String> streams, long fromMs, long toMs) {
        browser.async("await window.qssPlotter.select(arguments[0]);", streams);
        browser.async(
                "await window.qssPlotter.setRange(arguments[0], arguments[1]);",
                START * 1000 + fromMs,
                START * 1000 + toMs);
    }

    private static WebElement openAxes(HeadlessChromium browser) {
        browser.driver.findElement(By.id("axes-button")).click();
        return browser.await(
                d -> {
                    WebElement dialog = d.findElement(By.id("axes-dialog"));
                    return dialog.isDisplayed() ? dialog : null;
                },
                "axes dialog open");
    }

    private static List<String> legendColours(HeadlessChromium browser) {
        return browser.driver.findElements(By.cssSelector("#legend .legend-row input[type=color]")).stream()
                .map(e -> e.getAttribute("value"))
                .toList();
    }

    /** Waits until the chart canvas shows pixels of each stream's line colour. */
    private static void assertBothDrawn(HeadlessChromium browser, List<String> colours, String when) {
        for (String colour : colours) {
            browser.await(
                    d -> linePixels(browser, colour) > 100,
                    () -> when + ": line of " + colour + " drawn (" + linePixels(browser, colour) + " pixels)");
        }
    }

    /** Pixels of the chart canvas within 40 of this colour in every channel. */
    private static long linePixels(HeadlessChromium browser, String colour) {
        return pixelsNear(browser, colour, 1, 40);
    }

    /**
     * Pixels of the chart canvas within {@code tolerance} in every channel of this colour drawn with this opacity
     * over white.
     */
    private static long pixelsNear(HeadlessChromium browser, String colour, double alpha, int tolerance) {
        return ((Number) browser.js(
                        "const n = parseInt(arguments[0].slice(1), 16);"
                                + "const a = arguments[1];"
                                + "const rgb = [n >> 16, (n >> 8) & 255, n & 255].map((c) => 255 * (1 - a) + c * a);"
                                + "const c = document.querySelector('#chart canvas');"
                                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                                + "let k = 0;"
                                + "for (let o = 0; o < d.length; o += 4) {"
                                + "  if (Math.abs(d[o] - rgb[0]) < arguments[2] && Math.abs(d[o + 1] - rgb[1]) < arguments[2]"
                                + "      && Math.abs(d[o + 2] - rgb[2]) < arguments[2]) k++;"
                                + "}"
                                + "return k;",
                        colour,
                        alpha,
                        tolerance))
                .longValue();
    }

    /**
     * Pixels of the plot area between the times fromMs and toMs that have a colour (channels more than 40 apart): the
     * grid is grey, white is the background, so these are the streams' lines and ranges. The axes are left out: their
     * grey text is antialiased with coloured fringes.
     */
    private static long colouredPixels(HeadlessChromium browser, long fromMs, long toMs) {
        return ((Number) browser.js(
                        "const u = window.qssPlotter.chart.plot;"
                                + "const x0 = Math.round(u.valToPos(arguments[0], 'x', true));"
                                + "const x1 = Math.round(u.valToPos(arguments[1], 'x', true));"
                                + "const d = u.ctx.getImageData(x0, u.bbox.top, x1 - x0, u.bbox.height).data;"
                                + "let k = 0;"
                                + "for (let o = 0; o < d.length; o += 4) {"
                                + "  if (Math.max(d[o], d[o + 1], d[o + 2]) - Math.min(d[o], d[o + 1], d[o + 2]) > 40) k++;"
                                + "}"
                                + "return k;",
                        fromMs,
                        toMs))
                .longValue();
    }

    private static long windowsShown(HeadlessChromium browser) {
        Matcher m = Pattern.compile("([\\d,]+) windows")
                .matcher(browser.driver.findElement(By.id("view-info")).getText());
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 0;
    }

    // ---- data and HTTP helpers ----

    private String savePermalink(String view) throws Exception {
        HttpResponse<String> saved = http.send(
                HttpRequest.newBuilder(URI.create(qss.plotterUrl() + "/api/permalinks"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(view))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, saved.statusCode(), saved.body());
        Matcher id = Pattern.compile("\"id\":\\s*\"([0-9a-f]{24})\"").matcher(saved.body());
        assertTrue(id.find(), saved.body());
        return id.group(1);
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(qss.plotterUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }
}
