// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
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
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.support.ui.Select;

/**
 * Moving around the web plotter in headless Chromium against the running distribution with uPMU data: the view in
 * the address (reload, Back, a bookmark with axes), presets and typed times in a zone, wheel notches (plain, with
 * Shift, from a year to one 120 Hz sample), small boxes, the overview strip, and a login re-applying a permalink.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlotterNavigationIT {

    private static final long START = PlotterItData.START;
    private static final double PERIOD_120HZ_MS = 1000.0 / 120;

    /**
     * Deleted once the class ran (a distribution with its data is about 160 MB). Static, so it is there for the
     * {@code @BeforeAll} method: JUnit injects an instance field only before each test.
     */
    @TempDir
    static Path dir;

    private Distribution qss;
    private final HttpClient http = HttpClient.newHttpClient();
    /** path -> uuid of every stream, as the tag-holding user alice sees them. */
    private Map<String, String> uuids;

    @BeforeAll
    void startWithData() throws Exception {
        assumeTrue(HeadlessChromium.isInstalled(), "no Chromium at " + HeadlessChromium.CHROMIUM);
        qss = Distribution.unpack(dir);
        qss.start();
        PlotterItData.sendUpmuData(qss);
        uuids = PlotterItData.streams(http, qss, PlotterItData.login(http, qss, "alice", "alice-pw"));
    }

    @AfterAll
    void stop() throws Exception {
        if (qss != null) {
            qss.close();
        }
    }

    @Test
    void givenAView_whenReloadedAndGoingBack_thenStreamsRangeZoneAndAxesAreKept() {
        List<String> streams = List.of(uuids.get("/upmu/alpha/L1MAG"), uuids.get("/upmu/alpha/C1MAG"));
        double startMs = START * 1000.0 + 30_000.25;
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/");
            browser.async("await window.qssPlotter.select(arguments[0]);", streams);
            browser.async("await window.qssPlotter.setRange(arguments[0], arguments[1]);", startMs, startMs + 20_000);
            new Select(browser.driver.findElement(By.id("zone"))).selectByValue("Asia/Kolkata");
            browser.await(
                    d -> String.valueOf(browser.js("return window.qssPlotter.url();"))
                            .contains("Kolkata"),
                    "zone in the address");
            String url = browser.driver.getCurrentUrl();
            assertTrue(
                    url.contains("streams=" + streams.get(0) + "," + streams.get(1))
                            && url.contains("start=" + Math.round(startMs * 1000) * 1000),
                    url);

            reload(browser);
            assertEquals(streams, browser.js("return window.qssPlotter.selected();"), "streams after reload");
            assertRange(browser, startMs, startMs + 20_000, "range after reload");
            assertEquals("Asia/Kolkata", browser.js("return window.qssPlotter.zone();"));
            browser.await(d -> windowsShown(browser) > 0, "drawn after reload");

            browser.async(
                    "await window.qssPlotter.setRange(arguments[0], arguments[1]);", startMs + 5_000, startMs + 10_000);
            browser.driver.navigate().back();
            browser.await(d -> Math.abs(range(browser)[0] - startMs) < 1e-3, "Back returns to the previous range");
            assertRange(browser, startMs, startMs + 20_000, "range after Back");
            browser.driver.navigate().forward();
            browser.await(d -> Math.abs(range(browser)[0] - startMs - 5_000) < 1e-3, "Forward returns again");

            // a bookmark with a fixed scale for the first unit and an automatic one for the second
            String unit = (String) browser.js("return window.qssPlotter.chart.units[0];");
            String other = (String) browser.js("return window.qssPlotter.chart.units[1];");
            String bookmark =
                    url.replaceAll("&axis=[^&]*", "") + "&axis=right,-5,500," + unit + "&axis=left,,," + other;
            browser.open(bookmark);
            browser.await(d -> windowsShown(browser) > 0, "bookmark drawn");
            assertEquals(
                    List.of(-5L, 500L),
                    browser.js(
                            "const s = window.qssPlotter.chart.plot.scales['u:' + "
                                    + "arguments[0]]; return [s.min, s.max];",
                            unit),
                    "fixed axis from the address");
            assertEquals(
                    Boolean.TRUE,
                    browser.js(
                            "const s = window.qssPlotter.chart.plot.scales['u:' + arguments[0]];"
                                    + " return isFinite(s.min) && isFinite(s.max) && s.min < s.max;",
                            other),
                    "automatic axis");
            reload(browser);
            assertTrue(
                    String.valueOf(browser.js("return window.qssPlotter.url();"))
                            .contains("axis=right,-5,500"),
                    "axes kept in the address");
        }
    }

    @Test
    void givenPlottedStreams_whenPresetsAndTypedTimesAreUsed_thenTheRangeFollowsInTheChosenZone() {
        try (HeadlessChromium browser = new HeadlessChromium()) {
            openWithAlpha(browser);
            for (Map.Entry<String, Double> preset : Map.of(
                            "1h", 3_600_000.0, "1d", 86_400_000.0, "7d", 7 * 86_400_000.0, "30d", 30 * 86_400_000.0)
                    .entrySet()) {
                browser.driver
                        .findElement(By.cssSelector("[data-testid=preset-" + preset.getKey() + "]"))
                        .click();
                browser.await(d -> Math.abs(span(browser) - preset.getValue()) < 1, "preset " + preset.getKey());
                double now = ((Number) browser.js("return Date.now();")).doubleValue();
                assertTrue(Math.abs(range(browser)[1] - now) < 10_000, "preset " + preset.getKey() + " ends now");
            }
            browser.driver
                    .findElement(By.cssSelector("[data-testid=preset-all]"))
                    .click();
            browser.await(
                    d -> range(browser)[0] < START * 1000.0
                            && range(browser)[1] > (START + 170) * 1000.0
                            && span(browser) < 300_000,
                    "preset all fits the data");
            browser.await(d -> windowsShown(browser) > 0, "all data drawn");

            new Select(browser.driver.findElement(By.id("zone"))).selectByValue("America/New_York");
            ZoneId zone = ZoneId.of("America/New_York");
            LocalDateTime from =
                    LocalDateTime.ofEpochSecond(START + 20, 0, zone.getRules().getOffset(Instant.ofEpochSecond(START)));
            String fromText = from.toLocalDate() + " " + from.toLocalTime() + ".250";
            String toText = from.toLocalDate() + " " + from.toLocalTime().plusSeconds(30);
            type(browser, "range-start", fromText);
            type(browser, "range-end", toText);
            browser.driver.findElement(By.cssSelector("[data-testid=range-go]")).click();
            double expected = (START + 20) * 1000.0 + 250;
            browser.await(d -> Math.abs(range(browser)[0] - expected) < 1e-3, "typed start in New York time");
            assertEquals(expected + 29_750, range(browser)[1], 1e-3, "typed end");
            assertTrue(browser.driver.findElement(By.id("range-zone")).getText().contains("New_York"));
            browser.async("await window.qssPlotter.settled();");

            type(browser, "range-start", "2026-13-01 00:00");
            browser.driver.findElement(By.cssSelector("[data-testid=range-go]")).click();
            WebElement message = browser.driver.findElement(By.id("message"));
            try {
                browser.await(d -> message.isDisplayed() && message.getText().contains("2026-13-01"), "bad time named");
            } catch (TimeoutException e) {
                throw new AssertionError(
                        "bad time not named: message displayed=" + message.isDisplayed() + " text="
                                + message.getText() + " class=" + message.getAttribute("class") + " start field="
                                + browser.js("return document.getElementById('range-start').value;") + " range="
                                + Arrays.toString(range(browser)),
                        e);
            }
            assertEquals(
                    "true", browser.driver.findElement(By.id("range-start")).getAttribute("aria-invalid"));
            assertEquals(expected, range(browser)[0], 1e-3, "a bad time changes nothing");

            browser.driver
                    .findElement(By.cssSelector("[data-testid=preset-1h]"))
                    .click();
            browser.await(d -> Math.abs(span(browser) - 3_600_000.0) < 1, "a preset after a bad time");
            browser.await(
                    d -> !String.valueOf(browser.js("return document.getElementById('range-start').value;"))
                            .contains("2026-13-01"),
                    "the preset replaces what was typed");
            assertNull(
                    browser.driver.findElement(By.id("range-start")).getAttribute("aria-invalid"),
                    "the field is no longer marked wrong");
        }
    }

    @Test
    void givenAPlottedStream_whenWheelingAndBoxing_thenNotchesZoomByTheirStepAndSmallBoxesZoom() {
        try (HeadlessChromium browser = new HeadlessChromium()) {
            openWithAlpha(browser);
            double startMs = START * 1000.0;
            browser.async("await window.qssPlotter.setRange(arguments[0], arguments[1]);", startMs, startMs + 160_000);
            browser.js("window.wheelDeltas = []; document.querySelector('#chart .u-over').addEventListener('wheel', "
                    + "(e) => window.wheelDeltas.push(e.deltaY || e.deltaX), {capture: true});");
            WebElement over = browser.driver.findElement(By.cssSelector("#chart .u-over"));
            WheelInput.ScrollOrigin origin = WheelInput.ScrollOrigin.fromElement(over);

            double before = span(browser);
            new Actions(browser.driver).scrollFromOrigin(origin, 0, -100).perform();
            browser.async("await window.qssPlotter.settled();");
            double plain = before / span(browser);
            assertEquals(Math.pow(2, notches(browser)), plain, plain * 0.01, "one notch zooms by the step");
            assertTrue(plain >= 1.9, "a notch zooms about 2x: " + plain);

            // Shift+wheel as Chromium delivers it: a horizontal delta with shiftKey set
            before = span(browser);
            browser.async(
                    "const over = document.querySelector('#chart .u-over'); const r = over.getBoundingClientRect();"
                            + "over.dispatchEvent(new WheelEvent('wheel', {deltaX: -100, deltaMode: 0, shiftKey: true, "
                            + "clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true}));"
                            + "await window.qssPlotter.settled();");
            double fast = before / span(browser);
            assertEquals(16, fast, 16 * 0.01, "Shift zooms by the fast step");

            // a box of 3 px
            browser.async("await window.qssPlotter.setRange(arguments[0], arguments[1]);", startMs, startMs + 160_000);
            double width =
                    ((Number) browser.js("return document.querySelector('#chart .u-over').clientWidth;")).doubleValue();
            new Actions(browser.driver)
                    .moveToElement(over, 0, 0)
                    .clickAndHold()
                    .moveByOffset(3, 0)
                    .release()
                    .perform();
            browser.await(d -> span(browser) < 20_000, "a 3 px box zooms in");
            assertEquals(160_000 * 3 / width, span(browser), 160_000 * 1.5 / width, "to the box");
        }
    }

    @Test
    void givenAYearView_whenWheelingAtOneSample_thenItIsAloneInViewWithinEightGestures() {
        try (HeadlessChromium browser = new HeadlessChromium()) {
            openWithAlpha(browser);
            // one sample in the middle of the data, as its window's time at a fine resolution
            double middle = START * 1000.0 + 90_000;
            browser.async("await window.qssPlotter.setRange(arguments[0], arguments[1]);", middle, middle + 100);
            double sample = ((Number) browser.js(
                            "return window.qssPlotter.chart.plot.data[0].find((t) => t >= " + "arguments[0]);",
                            middle + 40))
                    .doubleValue();
            double year = 365.25 * 86_400_000;
            browser.async(
                    "await window.qssPlotter.setRange(arguments[0], arguments[1]);",
                    sample - year / 2,
                    sample + year / 2);
            int gestures = 0;
            Map<?, ?> view;
            do {
                assertTrue(++gestures <= 8, "no single sample within 8 gestures");
                view = (Map<?, ?>) browser.async(GESTURE, sample, 4);
            } while (!(((Number) view.get("span")).doubleValue() <= PERIOD_120HZ_MS
                    && ((Number) view.get("windows")).intValue() == 1));
            assertEquals(Boolean.TRUE, view.get("hit"), "the aimed sample is the one in view: " + view);
        }
    }

    @Test
    void givenAZoomedView_whenTheOverviewWindowIsDragged_thenTheViewMovesByTheDrag() {
        try (HeadlessChromium browser = new HeadlessChromium()) {
            openWithAlpha(browser);
            double startMs = START * 1000.0 + 20_000;
            browser.async("await window.qssPlotter.setRange(arguments[0], arguments[1]);", startMs, startMs + 10_000);
            WebElement strip = browser.driver.findElement(By.id("overview"));
            browser.await(
                    d -> strip.isDisplayed()
                            && ((Number) browser.js("return window.qssPlotter.overview" + ".series.length;")).intValue()
                                    == 1,
                    "overview drawn");
            List<?> extent = (List<?>) browser.js("return window.qssPlotter.overview.extent;");
            double perPixel = (((Number) extent.get(1)).doubleValue() - ((Number) extent.get(0)).doubleValue())
                    / strip.getSize().getWidth();
            double windowX = ((Number) browser.js("const o = window.qssPlotter.overview; const [l, r] = o.windowPx();"
                            + " return (l + r) / 2;"))
                    .doubleValue();
            new Actions(browser.driver)
                    .moveToElement(
                            strip, (int) Math.round(windowX - strip.getSize().getWidth() / 2.0), 0)
                    .clickAndHold()
                    .moveByOffset(80, 0)
                    .release()
                    .perform();
            browser.await(d -> range(browser)[0] > startMs + 40 * perPixel, "view moved right");
            assertEquals(startMs + 80 * perPixel, range(browser)[0], 2 * perPixel, "by the drag");
            assertEquals(10_000, span(browser), 1e-3, "same span");
        }
    }

    @Test
    void givenAPermalinkWithARestrictedStream_whenLoggingIn_thenThePermalinkIsAppliedAgain() throws Exception {
        String alpha = uuids.get("/upmu/alpha/L1MAG");
        String beta = uuids.get("/upmu/beta/L1MAG");
        long start = START * 1_000_000_000L;
        HttpResponse<String> saved = http.send(
                HttpRequest.newBuilder(URI.create(qss.plotterUrl() + "/api/permalinks"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"streams\":[\""
                                + alpha + "\",\"" + beta + "\"],\"start\":\"" + start + "\",\"end\":\""
                                + (start + 60_000_000_000L)
                                + "\",\"zone\":\"UTC\",\"axes\":[]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, saved.statusCode(), saved.body());
        String id = saved.body().replaceAll(".*\"id\"\\s*:\\s*\"([0-9a-f]+)\".*", "$1");
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.open(qss.plotterUrl() + "/?permalink=" + id);
            assertEquals(List.of(alpha), browser.js("return window.qssPlotter.selected();"), "anonymous: alpha only");
            assertTrue(
                    String.valueOf(browser.js("return window.qssPlotter.url();"))
                            .contains("permalink=" + id),
                    "the permalink's address stays while its view is shown");
            browser.async("await window.qssPlotter.settled();");
            String note = browser.driver.findElement(By.id("message")).getText();
            assertTrue(
                    note.contains("1 stream(s) of this permalink are unknown or not readable; log in to see them."),
                    "the note stays after the readable stream is drawn: " + note);
            browser.driver.findElement(By.id("login-button")).click();
            browser.driver.findElement(By.id("login-user")).sendKeys("alice");
            browser.driver.findElement(By.id("login-password")).sendKeys("alice-pw");
            browser.driver.findElement(By.id("login-submit")).click();
            browser.await(
                    d -> List.of(alpha, beta).equals(browser.js("return window.qssPlotter.selected();")),
                    "beta plotted after logging in");
            browser.async("await window.qssPlotter.settled();");
            assertRange(browser, start / 1e6, start / 1e6 + 60_000, "the permalink's range");
            browser.await(
                    d -> browser.driver
                                            .findElements(By.cssSelector("#legend .legend-path"))
                                            .size()
                                    == 2
                            && windowsShown(browser) > 0,
                    "both drawn");
        }
    }

    /** One wheel gesture of {@code notches} notches aimed at a time; answers the settled view. */
    private static final String GESTURE = """
            const [target, notches] = arguments;
            const over = document.querySelector('#chart .u-over');
            const rect = over.getBoundingClientRect();
            const [min, max] = window.qssPlotter.range();
            const x = rect.left + (target - min) / (max - min) * rect.width;
            for (let i = 0; i < notches; i++) {
                over.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, deltaMode: 0, clientX: x,
                    clientY: rect.top + rect.height / 2, bubbles: true, cancelable: true }));
                await new Promise((r) => setTimeout(r, 15));
            }
            const [a, b] = await window.qssPlotter.settled();
            const windows = window.qssPlotter.chart.plot.data[0].filter((t) => t >= a && t < b).length;
            return { span: b - a, windows, hit: target >= a && target < b };
            """;

    // ---- page helpers ----

    /** Opens the page and plots /upmu/alpha/L1MAG. */
    private void openWithAlpha(HeadlessChromium browser) {
        browser.open(qss.plotterUrl() + "/");
        browser.async("await window.qssPlotter.select(arguments[0]);", List.of(uuids.get("/upmu/alpha/L1MAG")));
    }

    /** Reloads the page as the browser's reload button does and waits until the plotter is ready again. */
    private static void reload(HeadlessChromium browser) {
        browser.driver.navigate().refresh();
        browser.await(d -> Boolean.TRUE.equals(browser.js("return window.qssPlotter !== undefined;")), "reloaded");
        browser.async("await window.qssPlotter.ready;");
    }

    private static void type(HeadlessChromium browser, String id, String text) {
        WebElement field = browser.driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /**
     * The notches the recorded wheel events make, towards zooming in: at least one for 50 px or more (100 px each
     * beyond), in proportion below (50 px a notch).
     */
    private static double notches(HeadlessChromium browser) {
        double notches = 0;
        for (Object delta : (List<?>) browser.js("return window.wheelDeltas;")) {
            double px = Math.abs(((Number) delta).doubleValue());
            notches -=
                    Math.signum(((Number) delta).doubleValue()) * Math.min(4, Math.max(px / 100, Math.min(1, px / 50)));
        }
        return notches;
    }

    private static void assertRange(HeadlessChromium browser, double start, double end, String what) {
        double[] r = range(browser);
        assertEquals(start, r[0], 1e-3, what + " start");
        assertEquals(end, r[1], 1e-3, what + " end");
    }

    private static double[] range(HeadlessChromium browser) {
        List<?> r = (List<?>) browser.js("return window.qssPlotter.range();");
        return new double[] {((Number) r.get(0)).doubleValue(), ((Number) r.get(1)).doubleValue()};
    }

    private static double span(HeadlessChromium browser) {
        double[] r = range(browser);
        return r[1] - r[0];
    }

    private static long windowsShown(HeadlessChromium browser) {
        Matcher m = Pattern.compile("([\\d,]+) windows")
                .matcher(browser.driver.findElement(By.id("view-info")).getText());
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 0;
    }
}
