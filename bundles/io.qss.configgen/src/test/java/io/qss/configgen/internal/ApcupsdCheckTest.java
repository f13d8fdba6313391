// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Has the real apcupsd parse the generated {@code apcupsd.conf}: it is started in the foreground with debug output
 * on a copy whose lock, event, status and power-fail paths point into a temporary directory and whose network
 * server is off; apcupsd rejects any unknown key or bad value at start ("Terminating due to configuration file
 * errors"), and otherwise logs "Config file ... processed." and goes on to look for the USB UPS, where the test
 * stops it. Needs the {@code apcupsd} package; no UPS is needed.
 */
class ApcupsdCheckTest {

    @TempDir
    Path dir;

    private Path apcupsd;

    @BeforeEach
    void requireApcupsd() {
        apcupsd = RealTool.require("apcupsd", "apcupsd");
    }

    @Test
    void givenTheGeneratedFile_whenApcupsdReadsIt_thenItIsProcessedWithoutErrors() throws Exception {
        Path conf = sandboxed(ApcupsdGenerator.conf());

        String output = startAndStopAfterParsing(conf);

        assertTrue(output.contains("Config file " + conf + " processed."), output);
        assertFalse(output.contains("FATAL"), output);
    }

    @Test
    void givenABadValue_whenApcupsdReadsIt_thenItRefusesToStart() throws Exception {
        Path conf = sandboxed(ApcupsdGenerator.conf().replace("TIMEOUT 30", "TIMEOUT thirty"));

        RealTool.Result result = RealTool.run(
                dir,
                30,
                apcupsd.toString(),
                "-b",
                "-d",
                "300",
                "-f",
                conf.toString(),
                "-P",
                dir.resolve("apcupsd.pid").toString());

        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("configuration file errors"), result.output());
    }

    /** The generated file, then overrides that keep the daemon's files in the test's directory. */
    private Path sandboxed(String content) throws Exception {
        Path conf = dir.resolve("apcupsd.conf");
        Files.writeString(conf, content + """
                LOCKFILE %1$s
                PWRFAILDIR %1$s
                NOLOGINDIR %1$s
                EVENTSFILE %1$s/events
                STATFILE %1$s/status
                NETSERVER off
                """.formatted(dir));
        return conf;
    }

    private String startAndStopAfterParsing(Path conf) throws Exception {
        Process process = new ProcessBuilder(
                        apcupsd.toString(),
                        "-b",
                        "-d",
                        "300",
                        "-f",
                        conf.toString(),
                        "-P",
                        dir.resolve("apcupsd.pid").toString())
                .redirectErrorStream(true)
                .start();
        // A watchdog: killing the daemon closes its output, so the read below cannot block for ever.
        CompletableFuture.runAsync(process::destroyForcibly, CompletableFuture.delayedExecutor(30, TimeUnit.SECONDS));
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
                if (line.contains("processed.") || line.contains("FATAL")) {
                    break;
                }
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        return output.toString();
    }
}
