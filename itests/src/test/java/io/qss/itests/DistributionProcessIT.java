// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as an operator runs it: boots to {@code /status OK} holding its heap, answers console commands
 * from scripts, and
 * keeps what MongoDB acknowledged across a clean stop and across {@code kill -9}.
 */
class DistributionProcessIT {

    /** bin/setenv's JAVA_MAX_MEM, which the server takes and touches at start (at most half the machine). */
    private static final long DEFAULT_HEAP_BYTES = 4096L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void givenFreshDistribution_whenRunStoppedAndKilled_thenItServesAndKeepsMongoData() throws Exception {
        try (Distribution qss = Distribution.unpack(dir).withShippedHeap()) {
            Duration boot = qss.start();
            Thread.sleep(3_000);
            System.out.printf(
                    "boot_to_status_ok_s=%.2f%nidle_rss_mb=%d%n",
                    boot.toMillis() / 1000.0, qss.residentBytes() / (1024 * 1024));
            assertTrue(qss.get("/health").contains("\"mongo\":{\"state\":\"UP\""), qss.get("/health"));
            long heldAtStart = Math.min(DEFAULT_HEAP_BYTES, machineBytes() / 2);
            assertTrue(
                    qss.residentBytes() > heldAtStart * 9 / 10,
                    "the server did not take its heap at start [resident=" + qss.residentBytes() + ", expected="
                            + heldAtStart + "]");

            Distribution.CommandResult status = qss.console("qss:status");
            assertEquals(0, status.exitCode(), status.output());
            assertTrue(status.output().contains("mongo") && status.output().contains("qss is UP"), status.output());
            Distribution.CommandResult unknown = qss.console("no-such-scope:no-such-command");
            assertNotEquals(0, unknown.exitCode(), unknown.output());

            qss.insertProbe("written-before-stop");
            qss.stop();
            qss.start();
            assertNotNull(qss.findProbe("written-before-stop"), "lost across a clean stop");

            qss.insertProbe("written-before-kill");
            qss.kill();
            qss.start();
            assertNotNull(qss.findProbe("written-before-kill"), "acknowledged write lost across kill -9");
            assertNotNull(qss.findProbe("written-before-stop"));
            qss.stop();
        }
    }

    private static long machineBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no MemTotal in /proc/meminfo");
    }
}
