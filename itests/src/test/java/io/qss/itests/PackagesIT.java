// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.ups.internal.NisServer;
import io.qss.ups.internal.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manual's {@code qss-get -p /mnt apcupsd} against a running distribution, with the qss-packages archive the
 * build made: a corrupted archive and an unknown name are refused with nothing changed; the real one installs
 * feature qss-ups, whose component {@code ups} then reports the UPS that a stand-in apcupsd server describes, and
 * reports it degraded when that server goes away. The package {@code c37118} then installs the C37.118 device type
 * into the running qss.
 */
class PackagesIT {

    private static final String AVAILABLE = "apcupsd (alias ups), c37118 (alias c37, synchrophasor)";

    @TempDir
    Path dir;

    @Test
    void givenRunningQss_whenPackagesApplied_thenUpsReportsAndBadArchivesChangeNothing() throws Exception {
        String version = System.getProperty("qss.version");
        Path built = Path.of(System.getProperty("qss.distribution.zip"))
                .resolveSibling("qss-packages-" + version + ".tar.gz");
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        Files.copy(built, mnt.resolve(built.getFileName()));
        NisServer apcupsd = new NisServer(Samples.online());
        try (apcupsd;
                Distribution qss = Distribution.unpack(dir.resolve("dist"))) {
            qss.appendConfig("etc/io.qss.ups.cfg", "port = " + apcupsd.port() + "\npollSeconds = 1\n");
            qss.start();

            Distribution.CommandResult corrupted =
                    qss.run(List.of("bin/qss-get", "-p", corruptedCopy(built).toString(), "apcupsd"));
            assertNotEquals(0, corrupted.exitCode(), corrupted.output());
            assertTrue(corrupted.output().contains("checksum mismatch, archive refused"), corrupted.output());
            assertNothingInstalled(qss);

            Distribution.CommandResult unknown = qss.run(List.of("bin/qss-get", "-p", mnt.toString(), "nut"));
            assertNotEquals(0, unknown.exitCode(), unknown.output());
            assertTrue(
                    unknown.output().contains("unknown package [name=nut, available=" + AVAILABLE + "]"),
                    unknown.output());
            Distribution.CommandResult none = qss.run(List.of("bin/qss-get", "-p", mnt.toString()));
            assertNotEquals(0, none.exitCode(), none.output());
            assertTrue(none.output().contains("no package named [available=" + AVAILABLE + "]"), none.output());
            assertNothingInstalled(qss);

            Distribution.CommandResult listed = qss.run(List.of("bin/qss-get", "-p", mnt.toString(), "--list"));
            assertEquals(0, listed.exitCode(), listed.output());
            assertTrue(
                    listed.output()
                            .lines()
                            .anyMatch(l -> l.startsWith("apcupsd") && l.contains("qss-ups") && l.contains(" no ")),
                    listed.output());

            long started = System.nanoTime();
            Distribution.CommandResult installed = qss.run(List.of("bin/qss-get", "-p", mnt.toString(), "apcupsd"));
            System.out.printf("packages_install_s=%.2f%n", (System.nanoTime() - started) / 1e9);
            assertEquals(0, installed.exitCode(), installed.output());
            assertTrue(installed.output().contains("apcupsd: installed and started"), installed.output());
            String ups = awaitUps(qss, "UP");
            assertTrue(
                    ups.contains("online [model=Smart-UPS 750]")
                            && ups.contains("batteryChargePercent=100.0")
                            && ups.contains("lineVoltage=229.6"),
                    ups);
            assertTrue(qss.get("/health").contains("\"ups\""), qss.get("/health"));
            assertEquals("OK", qss.status());
            Path apcupsdConf = qss.home.resolve("generated-config/etc/apcupsd/apcupsd.conf");
            assertTrue(Files.readString(apcupsdConf).contains("NISPORT 3551"), apcupsdConf.toString());

            Distribution.CommandResult again = qss.run(List.of("bin/qss-get", "-p", mnt.toString(), "ups"));
            assertEquals(0, again.exitCode(), again.output());
            assertTrue(again.output().contains("apcupsd: already installed"), again.output());

            Distribution.CommandResult c37118 = qss.run(List.of("bin/qss-get", "-p", mnt.toString(), "c37118"));
            assertEquals(0, c37118.exitCode(), c37118.output());
            assertTrue(c37118.output().contains("c37118: installed and started"), c37118.output());
            String types = qss.console("service:list io.qss.device.DeviceType").output();
            assertTrue(types.contains("device.type = c37118"), types);

            apcupsd.close();
            String gone = awaitUps(qss, "DEGRADED");
            assertTrue(gone.contains("apcupsd not reachable, UPS state unknown"), gone);
            assertEquals("OK", qss.status(), "a UPS without apcupsd degrades qss, it does not stop it");
            qss.stop();
        }
    }

    /** A copy of the archive unpacked into a folder, one byte of its KAR flipped after the checksums were made. */
    private Path corruptedCopy(Path archive) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("corrupted"));
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", folder.toString())
                .inheritIO()
                .start();
        assertEquals(0, tar.waitFor());
        Path root;
        try (var roots = Files.list(folder)) {
            root = roots.findFirst().orElseThrow();
        }
        UpdateArchives.flipByteOfKar(root);
        return root;
    }

    private static void assertNothingInstalled(Distribution qss) throws Exception {
        assertFalse(Files.exists(qss.home.resolve("system/io/qss/io.qss.ups")), "bundle copied into system/");
        String features = qss.console("feature:list -i").output();
        assertFalse(features.contains("qss-ups"), features);
        assertTrue(upsLine(qss).isEmpty(), "component ups exists");
    }

    /** Waits (60 s at most) until qss:status shows component ups in {@code state}; returns its line. */
    private static String awaitUps(Distribution qss, String state) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        Optional<String> line = upsLine(qss);
        while (line.map(l -> !l.matches("ups\\s+" + state + "\\s.*")).orElse(true) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(200_000_000);
            line = upsLine(qss);
        }
        String found = line.orElse("no ups line");
        assertTrue(found.matches("ups\\s+" + state + "\\s.*"), found);
        return found;
    }

    private static Optional<String> upsLine(Distribution qss) throws Exception {
        return qss.console("qss:status")
                .output()
                .lines()
                .filter(l -> l.startsWith("ups "))
                .findFirst();
    }
}
