// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Debian Chromium and chromedriver, headless, driven by Selenium without Selenium Manager (nothing is
 * downloaded). One instance is one fresh browser profile: no cookies, no storage.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;

    HeadlessChromium() {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--window-size=1400,900",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    static boolean isInstalled() {
        return Files.isExecutable(CHROMIUM);
    }

    /** Runs an async script: {@code done} is the callback, {@code arguments[0..]} the arguments. */
    Object async(String body, Object... args) {
        String script = "const done = arguments[arguments.length - 1];"
                + "Promise.resolve().then(async () => {" + body + "})"
                + ".then((v) => done(v === undefined ? null : v), (e) => done('ERROR ' + e));";
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(script, args);
        if (result instanceof String s && s.startsWith("ERROR ")) {
            throw new AssertionError("page script failed: " + s.substring(6));
        }
        return result;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Opens {@code url} and waits for {@code qssPlotter.ready}. {@code driver.get} returns once the document has
     * loaded, which is not proof that the plotter's scripts ran: on a loaded machine the page can come up before
     * {@code window.qssPlotter} exists, or as an error page while the container's HTTP service re-deploys its
     * servlets. So this waits for the app object itself, loading the page again when it finished without it.
     */
    void open(String url) {
        driver.get(url);
        await(
                d -> {
                    if (Boolean.TRUE.equals(js("return window.qssPlotter !== undefined;"))) {
                        return true;
                    }
                    if ("complete".equals(js("return document.readyState;"))
                            && Boolean.TRUE.equals(js("return document.getElementById('chart') === null;"))) {
                        driver.get(url); // an error page, not the plotter: ask again
                    }
                    return false;
                },
                () -> "the plotter's page script at " + url + " [title=" + driver.getTitle() + ", body="
                        + String.valueOf(js("return document.body ? document.body.innerText.slice(0, 200) : null;"))
                        + "]");
        async("await window.qssPlotter.ready;");
    }

    <T> T await(Function<WebDriver, T> condition, String what) {
        return new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage(what)
                .until(condition);
    }

    /** Like {@link #await(Function, String)}, the message made only when the wait fails. */
    <T> T await(Function<WebDriver, T> condition, Supplier<String> what) {
        return new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage(what)
                .until(condition);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
