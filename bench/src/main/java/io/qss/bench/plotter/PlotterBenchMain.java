// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.plotter;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web plotter in headless Chromium against a running qss: loads 4 streams covering a year (1 point per second,
 * one day at 120 Hz) over gRPC, then measures the first page load (navigation start to {@code qssPlotter.ready},
 * a permalink to the 4 streams over the year, and the same view as a plain address), zoom steps from a year down to
 * 1 s and back (the page's {@code qssPlotter.stepTimes}: range change to the end of the uPlot draw), and wheel
 * gestures as a user makes them: real wheel events aimed at one 120 Hz sample, from the year view until that sample
 * is the only one in view, counting the gestures (a spin of 4 notches, or one notch with Shift held). For the
 * gestures it also reports where each step's time went ({@code plotter_wheel_<mode>_phase_<part>}: the page's
 * {@code steps[i].phases}, from the browser's resource timing of the step's request).
 *
 * <p>{@code ./qss bench plotter --plotter http://127.0.0.1:8080 --grpc 127.0.0.1:4410 --key K --user U --password P
 * [--streams u1,u2,u3,u4] [--paths N] [--loads N] [--targets N] [--only loads]}. The key must write the collection
 * {@code bench/plotter} and the plotter user read it, e.g. {@code qss:apikey -w -t all create bench} and
 * {@code plotter:adduser bench pw all}. {@code --streams} reuses streams loaded by an earlier run (their UUIDs are
 * printed); {@code --targets} is how many samples each wheel mode aims at (6); {@code --only loads} measures the
 * first loads alone.
 */
public final class PlotterBenchMain {

    /** 2025-01-01T00:00:00Z: a fixed year, so no window is still filling. */
    static final long YEAR_START = 1_735_689_600L * YearLoader.SECOND;

    static final int DAYS = 365;
    static final long DENSE_DAY = YEAR_START + 182 * YearLoader.DAY;
    /** The bar for one zoom step; slower steps are listed with their fetch and draw times. */
    static final double SLOW_MS = 50;
    /** Most gestures tried before a wheel path counts as failed. */
    static final int MAX_GESTURES = 40;

    private PlotterBenchMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        String plotter = opts.getOrDefault("plotter", "http://127.0.0.1:8080");
        List<String> streams;
        if (opts.containsKey("streams")) {
            streams = List.of(opts.get("streams").split(","));
        } else {
            String[] target = opts.getOrDefault("grpc", "127.0.0.1:4410").split(":");
            ManagedChannel channel = NettyChannelBuilder.forAddress(target[0], Integer.parseInt(target[1]))
                    .usePlaintext()
                    .build();
            try {
                streams = new YearLoader(channel, opts.get("key"))
                        .load("bench/plotter", 4, YEAR_START, DAYS, DENSE_DAY).stream()
                                .map(UUID::toString)
                                .toList();
            } finally {
                channel.shutdownNow();
            }
            System.out.println("plotter_streams=" + String.join(",", streams));
        }
        try (Browser browser = new Browser()) {
            browser.open(plotter + "/");
            browser.async("await window.qssPlotter.ready;");
            if (opts.containsKey("user")) {
                browser.async(
                        "const r = await fetch('/api/login', {method: 'POST', headers: {'Content-Type': "
                                + "'application/json'}, body: JSON.stringify({username: arguments[0], password: arguments[1]})});"
                                + "if (!r.ok) throw new Error('login failed: ' + r.status);",
                        opts.get("user"),
                        opts.get("password"));
            }
            int loads = Integer.parseInt(opts.getOrDefault("loads", "5"));
            firstLoads(browser, plotter, streams, loads);
            urlLoads(browser, plotter, streams, loads);
            if (opts.getOrDefault("only", "").equals("loads")) {
                return;
            }
            List<Double> steps = new ArrayList<>(
                    zoomSteps(browser, plotter, streams, Integer.parseInt(opts.getOrDefault("paths", "4"))));
            int targets = Integer.parseInt(opts.getOrDefault("targets", "6"));
            steps.addAll(wheelGestures(browser, plotter, streams, "plain", 4, targets));
            steps.addAll(wheelGestures(browser, plotter, streams, "shift", 1, targets));
            report("plotter_every_step", steps);
        }
    }

    /** Opens a permalink to the streams over the year in a loaded browser, {@code loads} times. */
    private static void firstLoads(Browser browser, String plotter, List<String> streams, int loads) {
        String id = (String) browser.async(
                "const r = await fetch('/api/permalinks', {method: 'POST', headers: "
                        + "{'Content-Type': 'application/json'}, body: JSON.stringify({streams: arguments[0], start: "
                        + "arguments[1], end: arguments[2], zone: 'UTC', axes: []})}); return (await r.json()).id;",
                streams,
                Long.toString(YEAR_START),
                Long.toString(YEAR_START + DAYS * YearLoader.DAY));
        double[] ms = new double[loads];
        for (int i = 0; i < loads; i++) {
            browser.open(plotter + "/?permalink=" + id);
            ms[i] = ((Number) browser.async("await window.qssPlotter.ready; return window.qssPlotter.readyAt;"))
                    .doubleValue();
            long drawn = ((Number) browser.js("return window.qssPlotter.selected().length;")).longValue();
            if (drawn != streams.size()) {
                throw new IllegalStateException("permalink did not restore the streams [selected=" + drawn + "]");
            }
            System.out.printf("plotter_first_load_%d_ms=%.1f%n", i + 1, ms[i]);
        }
        Arrays.sort(ms);
        System.out.printf(
                "plotter_first_load_median_ms=%.1f%nplotter_first_load_max_ms=%.1f%n", ms[loads / 2], ms[loads - 1]);
    }

    /** Opens the address of the 4 streams over the year (the view in the query, no permalink), {@code loads} times. */
    private static void urlLoads(Browser browser, String plotter, List<String> streams, int loads) {
        String url = plotter + "/?streams=" + String.join(",", streams) + "&start=" + YEAR_START + "&end="
                + (YEAR_START + DAYS * YearLoader.DAY) + "&zone=UTC";
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < loads; i++) {
            browser.open(url);
            ms.add(((Number) browser.async("await window.qssPlotter.ready; return window.qssPlotter.readyAt;"))
                    .doubleValue());
            long windows = ((Number) browser.js("return window.qssPlotter.steps.at(-1).windows;")).longValue();
            long drawn = ((Number) browser.js("return window.qssPlotter.selected().length;")).longValue();
            if (drawn != streams.size() || windows == 0) {
                throw new IllegalStateException(
                        "the address did not draw the streams [selected=" + drawn + ", windows=" + windows + "]");
            }
            System.out.printf(
                    "plotter_url_load_%d_ms=%.1f phases=%s%n",
                    i + 1, ms.get(i), browser.js("return window.qssPlotter.marks;"));
            System.out.printf("plotter_url_load_%d_requests %s%n", i + 1, browser.js(REQUESTS));
        }
        report("plotter_url_load", ms);
    }

    /**
     * The page's own milestones and each request of the load as {@code path@start>firstByte>end} (ms since navigation
     * start, from the browser's navigation and resource timing): where a load waits, request by request.
     */
    private static final String REQUESTS = """
            const f = (t) => Math.round(t);
            const nav = performance.getEntriesByType('navigation')[0];
            const page = 'page@' + f(nav.requestStart) + '>' + f(nav.responseStart) + '>' + f(nav.responseEnd)
                + ' interactive=' + f(nav.domInteractive) + ' contentLoaded=' + f(nav.domContentLoadedEventStart);
            const requests = performance.getEntriesByType('resource').map((r) => {
                const url = new URL(r.name);
                const name = url.pathname.replace('/web/', '') + (url.pathname === '/api/multi' ? '' : url.search);
                return name + '@' + f(r.startTime) + '>' + f(r.responseStart) + '>' + f(r.responseEnd);
            });
            return [page].concat(requests).join(' ');
            """;

    /**
     * From the year view to one 120 Hz sample by wheel gestures aimed at it: {@code notches} wheel events 15 ms apart
     * per gesture (with Shift for "shift"), then the page settles and draws. Counts gestures until the view is at
     * most one sample period long and shows exactly that sample's window; returns the steps' redraw times.
     */
    private static List<Double> wheelGestures(
            Browser browser, String plotter, List<String> streams, String mode, int notches, int targets) {
        browser.open(plotter + "/");
        browser.async("await window.qssPlotter.ready; await window.qssPlotter.select(arguments[0]);", streams);
        Random random = new Random(7);
        double period = YearLoader.PERIOD_120HZ / 1e6;
        List<Double> stepMs = new ArrayList<>();
        List<Double> previewMs = new ArrayList<>();
        Map<String, List<Double>> phases = new LinkedHashMap<>();
        int most = 0;
        for (int t = 0; t < targets; t++) {
            long sample = DENSE_DAY + (long) (random.nextDouble() * 86_400 * 120) * YearLoader.PERIOD_120HZ;
            double target = sample / 1e6;
            browser.async(
                    "await window.qssPlotter.setRange(arguments[0], arguments[1]);",
                    YEAR_START / 1e6,
                    (YEAR_START + DAYS * YearLoader.DAY) / 1e6);
            int steps = ((Number) browser.js("return window.qssPlotter.steps.length;")).intValue();
            int previews = ((Number) browser.js("return window.qssPlotter.previewTimes.length;")).intValue();
            int gestures = 0;
            Map<?, ?> view;
            do {
                if (++gestures > MAX_GESTURES) {
                    throw new IllegalStateException("no single sample after " + MAX_GESTURES + " gestures [mode=" + mode
                            + ", sample=" + sample + "]");
                }
                view = (Map<?, ?>) browser.async(GESTURE, target, notches, mode.equals("shift"));
            } while (!(((Number) view.get("span")).doubleValue() <= period
                    && ((Number) view.get("windows")).intValue() == 1
                    && Boolean.TRUE.equals(view.get("hit"))));
            most = Math.max(most, gestures);
            System.out.printf("plotter_wheel_%s_path sample_ns=%d gestures=%d view=%s%n", mode, sample, gestures, view);
            for (Object step : (List<?>) browser.js("return window.qssPlotter.steps.slice(arguments[0]);", steps)) {
                double ms = ((Number) ((Map<?, ?>) step).get("ms")).doubleValue();
                stepMs.add(ms);
                addPhases(phases, (Map<?, ?>) ((Map<?, ?>) step).get("phases"));
                if (ms > SLOW_MS) {
                    System.out.printf("plotter_slow_step mode=%s %s%n", mode, step);
                }
            }
            for (Object ms :
                    (List<?>) browser.js("return window.qssPlotter.previewTimes.slice(arguments[0]);", previews)) {
                previewMs.add(((Number) ms).doubleValue());
            }
        }
        System.out.printf(
                "plotter_wheel_%s_notches_per_gesture=%d plotter_wheel_%s_most_gestures=%d%n",
                mode, notches, mode, most);
        report("plotter_wheel_" + mode + "_step", stepMs);
        report("plotter_wheel_" + mode + "_preview", previewMs);
        phases.forEach((phase, ms) -> report("plotter_wheel_" + mode + "_phase_" + phase, ms));
        return stepMs;
    }

    /**
     * Adds a step's phases (the page's {@code steps[i].phases}: consecutive parts of its time in ms, from the page's
     * work before the request went out through the server's answer and its delivery to the page to the drawing).
     */
    private static void addPhases(Map<String, List<Double>> phases, Map<?, ?> step) {
        if (step == null) {
            return;
        }
        step.forEach((name, ms) ->
                phases.computeIfAbsent(name.toString(), k -> new ArrayList<>()).add(((Number) ms).doubleValue()));
    }

    /**
     * One gesture: wheel events (deltaY -100 each, one notch; with Shift as Chromium sends them, deltaX) at the
     * target's x, then waits until drawn; answers the view's span, its windows and whether the target is in it.
     */
    private static final String GESTURE = """
            const [target, notches, shift] = arguments;
            const over = document.querySelector('#chart .u-over');
            const rect = over.getBoundingClientRect();
            const [min, max] = window.qssPlotter.range();
            const x = rect.left + (target - min) / (max - min) * rect.width;
            for (let i = 0; i < notches; i++) {
                over.dispatchEvent(new WheelEvent('wheel', { deltaX: shift ? -100 : 0, deltaY: shift ? 0 : -100,
                    deltaMode: 0, shiftKey: shift, clientX: x, clientY: rect.top + rect.height / 2, bubbles: true,
                    cancelable: true }));
                await new Promise((r) => setTimeout(r, 15));
            }
            const [a, b] = await window.qssPlotter.settled();
            const xs = window.qssPlotter.chart.plot.data[0];
            const windows = xs.filter((t) => t >= a && t < b).length;
            return { span: b - a, windows, hit: target >= a && target < b, pw: window.qssPlotter.pw() };
            """;

    /**
     * Zoom paths as a user makes them: from the whole year to 1 s by halving the range around a point (in the dense
     * day, or in the sparse months), then back out by doubling; each point a new, random place.
     */
    private static List<Double> zoomSteps(Browser browser, String plotter, List<String> streams, int paths) {
        browser.open(plotter + "/");
        browser.async("await window.qssPlotter.ready; await window.qssPlotter.select(arguments[0]);", streams);
        Random random = new Random(42);
        double yearStart = YEAR_START / 1e6;
        double year = DAYS * 86_400_000.0;
        Map<String, List<Double>> bySpan = new HashMap<>();
        List<Double> all = new ArrayList<>();
        for (int p = 0; p < paths; p++) {
            double centre = p % 2 == 0
                    ? DENSE_DAY / 1e6 + random.nextDouble() * 86_400_000.0
                    : yearStart + random.nextDouble() * year;
            List<Double> spans = new ArrayList<>();
            for (double span = year; span >= 1000; span /= 2) {
                spans.add(span);
            }
            List<Double> back = new ArrayList<>(spans);
            Collections.reverse(back);
            spans.addAll(back.subList(1, back.size()));
            for (double span : spans) {
                int before = ((Number) browser.js("return window.qssPlotter.stepTimes.length;")).intValue();
                browser.async(
                        "await window.qssPlotter.setRange(arguments[0], arguments[1]);",
                        centre - span / 2,
                        centre + span / 2);
                List<?> steps = (List<?>) browser.js("return window.qssPlotter.steps.slice(arguments[0]);", before);
                for (Object step : steps) {
                    Map<?, ?> s = (Map<?, ?>) step;
                    double ms = ((Number) s.get("ms")).doubleValue();
                    all.add(ms);
                    bySpan.computeIfAbsent(spanClass(span), k -> new ArrayList<>())
                            .add(ms);
                    if (ms > SLOW_MS) {
                        System.out.printf("plotter_slow_step span_ms=%.0f %s%n", span, s);
                    }
                }
            }
        }
        for (String span : List.of("1s-1min", "1min-1h", "1h-1d", "1d-1y")) {
            report("plotter_zoom_" + span.replace("-", "_to_"), bySpan.getOrDefault(span, List.of()));
        }
        report("plotter_zoom", all);
        return all;
    }

    private static String spanClass(double ms) {
        return ms <= 60_000 ? "1s-1min" : ms <= 3_600_000 ? "1min-1h" : ms <= 86_400_000 ? "1h-1d" : "1d-1y";
    }

    private static void report(String name, List<Double> values) {
        if (values.isEmpty()) {
            return;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(
                "%s_n=%d %s_median_ms=%.1f %s_p90_ms=%.1f %s_p99_ms=%.1f %s_max_ms=%.1f%n",
                name,
                v.length,
                name,
                v[v.length / 2],
                name,
                percentile(v, 0.9),
                name,
                percentile(v, 0.99),
                name,
                v[v.length - 1]);
    }

    /** The nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double fraction) {
        return sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1))];
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("options are --name value [got=" + args[i] + "]");
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        return opts;
    }

    /** Debian's headless Chromium through its chromedriver; Selenium Manager downloads nothing. */
    private static final class Browser implements AutoCloseable {

        final ChromeDriver driver;

        Browser() {
            System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
            ChromeOptions options = new ChromeOptions();
            options.setBinary("/usr/bin/chromium");
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-dev-shm-usage",
                    "--window-size=1600,900",
                    "--disable-gpu");
            driver = new ChromeDriver(
                    new ChromeDriverService.Builder()
                            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                            .usingAnyFreePort()
                            .build(),
                    options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        }

        Object async(String body, Object... args) {
            Object result = ((JavascriptExecutor) driver)
                    .executeAsyncScript(
                            "const done = arguments[arguments.length"
                                    + " - 1]; Promise.resolve().then(async () => {" + body
                                    + "}).then((v) => done(v === undefined ? null"
                                    + " : v), (e) => done('ERROR ' + e));",
                            args);
            if (result instanceof String s && s.startsWith("ERROR ")) {
                throw new IllegalStateException("page script failed [error=" + s.substring(6) + "]");
            }
            return result;
        }

        /**
         * Opens a page of the plotter. Right after the plotter bundle is updated the container may answer with an
         * error page for a moment; that is asked again, so the measured loads are the plotter's.
         */
        void open(String url) {
            for (int attempt = 0; ; attempt++) {
                driver.get(url);
                if (Boolean.TRUE.equals(js("return window.qssPlotter !== undefined;"))) {
                    return;
                }
                if (attempt == 20) {
                    throw new IllegalStateException(
                            "no plotter page [url=" + url + ", title=" + driver.getTitle() + "]");
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while opening " + url, e);
                }
            }
        }

        Object js(String script, Object... args) {
            return ((JavascriptExecutor) driver).executeScript(script, args);
        }

        @Override
        public void close() {
            driver.quit();
        }
    }
}
