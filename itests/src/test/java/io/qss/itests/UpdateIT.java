// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline hot updates through {@code bin/qss-get -u}: a corrupted archive is refused and nothing changes; a good one
 * swaps every qss bundle without a restart and keeps the data; one that cannot install rolls back by itself.
 */
class UpdateIT {

    @TempDir
    Path dir;

    @Test
    void givenRunningQss_whenUpdated_thenBundlesSwapDataStaysAndFailuresRollBack() throws Exception {
        UpdateArchives archives = new UpdateArchives();
        String built = System.getProperty("qss.version");
        try (Distribution qss = Distribution.unpack(dir.resolve("dist"))) {
            qss.start();
            long javaPid = qss.pid();
            qss.insertProbe("before-update");

            Path corrupted = archives.build(dir.resolve("corrupted"), "0.1.1", name -> false);
            Path corruptedKar = unpackAndCorrupt(corrupted);
            Distribution.CommandResult refused = qss.run(List.of("bin/qss-get", "-u", corruptedKar.toString()));
            assertNotEquals(0, refused.exitCode(), refused.output());
            assertTrue(refused.output().contains("checksum mismatch, archive refused"), refused.output());
            assertEquals(karafVersion(built), version(qss));

            Path good = archives.build(dir.resolve("good"), "0.1.1", name -> false);
            long started = System.nanoTime();
            Distribution.CommandResult updated = qss.run(List.of("bin/qss-get", "-u", good.toString()));
            System.out.printf("update_to_serving_s=%.2f%n", (System.nanoTime() - started) / 1e9);
            assertEquals(0, updated.exitCode(), updated.output());
            assertEquals("0.1.1", version(qss));
            String bundles = qss.console("bundle:list -s -t 0").output();
            assertTrue(bundles.contains("io.qss.api.rest") && bundles.contains("0.1.1"), bundles);
            assertTrue(!bundles.contains("io.qss.api.rest            │ 0.1.0"), bundles);
            assertEquals("OK", qss.status());
            assertEquals(javaPid, qss.pid(), "the update restarted the JVM");
            assertNotNull(qss.findProbe("before-update"), "data lost by the update");

            Path broken = archives.build(dir.resolve("broken"), "0.1.2",
                    name -> name.contains("io.qss.api.rest/0.1.2/"));
            started = System.nanoTime();
            Distribution.CommandResult rolledBack = qss.run(List.of("bin/qss-get", "-u", broken.toString()));
            System.out.printf("failed_update_rolled_back_s=%.2f%n", (System.nanoTime() - started) / 1e9);
            assertNotEquals(0, rolledBack.exitCode(), rolledBack.output());
            assertTrue(rolledBack.output().contains("rolled back"), rolledBack.output());
            assertEquals("0.1.1", version(qss));
            assertEquals("OK", qss.status());
            assertNotNull(qss.findProbe("before-update"));
            qss.stop();
        }
    }

    /** Unpacks the archive into a folder and flips one byte of its KAR, after the checksums were written. */
    private Path unpackAndCorrupt(Path archive) throws Exception {
        Path root = archive.getParent().resolve(archive.getFileName().toString().replace(".tar.gz", ""));
        UpdateArchives.flipByteOfKar(root);
        return root;
    }

    /** The first line of {@code qss:version}; ssh may add its own notice after it. */
    private static String version(Distribution qss) throws Exception {
        return qss.console("qss:version").output().lines().findFirst().orElse("").trim();
    }

    private static String karafVersion(String mavenVersion) {
        return mavenVersion.replace('-', '.');
    }
}
