// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as an operator runs it: boots to {@code /status OK}, answers console commands from scripts, and
 * keeps what MongoDB acknowledged across a clean stop and across {@code kill -9}.
 */
class DistributionProcessIT {

    @TempDir
    Path dir;

    @Test
    void givenFreshDistribution_whenRunStoppedAndKilled_thenItServesAndKeepsMongoData() throws Exception {
        try (Distribution qss = Distribution.unpack(dir)) {
            Duration boot = qss.start();
            Thread.sleep(3_000);
            System.out.printf(
                    "boot_to_status_ok_s=%.2f%nidle_rss_mb=%d%n",
                    boot.toMillis() / 1000.0, qss.residentBytes() / (1024 * 1024));
            assertTrue(qss.get("/health").contains("\"mongo\":{\"state\":\"UP\""), qss.get("/health"));

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
}
